/**
 * @module ContributionsView
 * Per member, the relay's figures (GET …/contributions): characters inserted, still there,
 * deleted by them, their text removed by others, sessions, first and last edit, edits that
 * arrived from offline work, pastes; an activity chart each; the paste events; "Download
 * CSV" (the relay's own `?format=csv`). The same for everyone who can open the doc (no secret
 * surveillance: the panel says so). With edit rights, "Revert changes…" takes back one
 * member's changes in a time range as a new change (confirmed first).
 */
import { type JSX, useEffect, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ApiError, type ContributionRow, type HistoryClient } from "@quire/client";
import { userColor } from "../editor/user-color.ts";
import { ActivityChart } from "./ActivityChart.tsx";
import { formatTime } from "./format-time.ts";
import { activityBars } from "./history-model.ts";
import { RevertMemberDialog } from "./RevertMemberDialog.tsx";
import type { HistoryData } from "./use-history-data.ts";

interface Props {
  data: HistoryData;
  client: HistoryClient;
  docName: string;
  canEdit: boolean;
  onChanged(): void;
}

export function ContributionsView({ data, client, docName, canEdit, onChanged }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<ContributionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reverting, setReverting] = useState<ContributionRow | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Fetched again with every load of the history (the panel follows the live doc), so the
  // figures match the chart and lists drawn from that load.
  const { loadedAt } = data;
  const [figuresOf, setFiguresOf] = useState(0);
  useEffect(() => {
    let live = true;
    client.contributions(docName).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setFiguresOf(loadedAt);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, docName, loadedAt]);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language || "en"), [i18n.language]);

  const download = async () => {
    setError(null);
    try {
      const csv = await client.contributionsCsv(docName);
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `${docName.replace(/[^\w.-]+/g, "_")}-contributions.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const pastes = (rows ?? []).flatMap((r) => r.pastes.map((p) => ({ ...p, name: r.name }))).sort((a, b) => a.at - b.at);
  return (
    <div className="history-contributions">
      <div className="history-row">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void download()}>
          {t("history.downloadCsv")}
        </button>
      </div>
      {status && (
        <p className="history-status" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p className="muted">{t("history.loading")}</p>}
      {rows?.length === 0 && <p className="muted">{t("history.noEdits")}</p>}
      <ul className="history-members" data-figures-of={figuresOf}>
        {rows?.map((r) => {
          const colors = userColor(r.userId);
          const bars = activityBars(data.history.records, r.userId);
          return (
            <li key={r.userId} className="history-member" data-user={r.userId}>
              <div className="history-member-head">
                <span className="history-swatch" style={{ background: colors.color }} aria-hidden="true" />
                <strong dir="auto">{r.name}</strong>
                <ActivityChart bars={bars} color={colors.color} label={t("history.chartLabel", { name: r.name })} />
              </div>
              <dl className="history-figures">
                <Figure label={t("history.figure.inserted")} value={number.format(r.inserted)} />
                <Figure label={t("history.figure.surviving")} value={number.format(r.surviving)} />
                <Figure label={t("history.figure.deletedByThem")} value={number.format(r.deletedByThem)} />
                <Figure label={t("history.figure.removedByOthers")} value={number.format(r.removedByOthers)} />
                <Figure label={t("history.figure.sessions")} value={number.format(r.sessions)} />
                <Figure label={t("history.figure.offline")} value={number.format(r.offlineInserted)} />
                <Figure label={t("history.figure.pastes")} value={number.format(r.pastes.length)} />
                <Figure label={t("history.figure.firstEdit")} value={r.firstEditAt === null ? "–" : formatTime(r.firstEditAt)} />
                <Figure label={t("history.figure.lastEdit")} value={r.lastEditAt === null ? "–" : formatTime(r.lastEditAt)} />
              </dl>
              {canEdit && r.firstEditAt !== null && (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setReverting(r)}>
                  {t("history.revertMember", { name: r.name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {pastes.length > 0 && (
        <div className="history-pastes">
          <h3>{t("history.pastesHeading")}</h3>
          <ul>
            {pastes.map((p) => (
              <li key={`${p.seq}`}>{t("history.pasteEvent", { name: p.name, count: p.chars, when: formatTime(p.at) })}</li>
            ))}
          </ul>
        </div>
      )}
      {reverting && (
        <RevertMemberDialog
          member={reverting}
          client={client}
          docName={docName}
          onCancel={() => setReverting(null)}
          onDone={() => {
            setStatus(t("history.reverted", { name: reverting.name }));
            setReverting(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }): JSX.Element {
  return (
    <div className="history-figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
