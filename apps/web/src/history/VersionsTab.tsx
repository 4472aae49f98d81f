/**
 * @module VersionsTab
 * The timeline: versions (automatic, named, hand-ins, restores) grouped under the editing
 * sessions they close, each session with who took part in their colours. With edit rights:
 * "Name this version", "Hand in" (confirmed first; a hand-in is locked for good) and Restore
 * (confirmed; a new change on top that reaches everyone through the live document). Any
 * version can be viewed read-only as rich text or compared with now.
 */
import { type FormEvent, type JSX, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { ApiError, type DocHandle, type HistoryClient, MAX_VERSION_NAME, type VersionInfo } from "@quire/client";
import { sessionsOf } from "@quire/history";
import { userColor } from "../editor/user-color.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { formatClock, formatTime } from "./format-time.ts";
import { timelineGroups } from "./history-model.ts";
import type { HistoryData } from "./use-history-data.ts";
import { VersionViewer } from "./VersionViewer.tsx";

interface Props {
  data: HistoryData;
  client: HistoryClient;
  handle: DocHandle;
  canEdit: boolean;
  onChanged(): void;
  onCompare(versionId: string): void;
}

type Pending = { action: "handin"; name: string } | { action: "restore"; version: VersionInfo };

export function VersionsTab({ data, client, handle, canEdit, onChanged, onCompare }: Props): JSX.Element {
  const { t } = useTranslation();
  const groups = useMemo(() => timelineGroups(data.versions, sessionsOf(data.history.records)), [data]);
  const [name, setName] = useState("");
  const [viewing, setViewing] = useState<VersionInfo | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setPending(null);
      setStatus(done);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submitName = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "") return;
    void run(async () => {
      await client.createVersion(handle.docName, name);
      setName("");
    }, t("history.named", { name: name.trim() }));
  };

  if (viewing) return <VersionViewer client={client} docName={handle.docName} version={viewing} onBack={() => setViewing(null)} />;

  return (
    <div className="history-versions">
      {canEdit && (
        <form className="history-name-form" onSubmit={submitName}>
          <label htmlFor="history-version-name">{t("history.nameLabel")}</label>
          <div className="history-row">
            <input
              id="history-version-name"
              className="input"
              value={name}
              maxLength={MAX_VERSION_NAME}
              placeholder={t("history.namePlaceholder")}
              onChange={(e) => setName(e.target.value)}
              dir="auto"
            />
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || name.trim() === ""}>
              {t("history.nameVersion")}
            </button>
            <button type="button" className="btn btn-ghost btn-small" disabled={busy || name.trim() === ""} onClick={() => setPending({ action: "handin", name: name.trim() })}>
              {t("history.handIn")}
            </button>
          </div>
        </form>
      )}
      {status && (
        <p className="history-status" role="status">
          {status}
        </p>
      )}
      {error && !pending && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      {groups.length === 0 && <p className="muted">{t("history.noVersions")}</p>}
      <ol className="history-timeline">
        {groups.map((g) => (
          <li key={`${g.session?.start ?? "v"}-${g.versions[0]?.id ?? ""}`} className="history-session">
            {g.session && (
              <div className="history-session-head">
                <span>
                  {formatTime(g.session.start)} – {formatClock(g.session.end)}
                </span>
                <ul className="history-people" aria-label={t("history.whoTookPart")}>
                  {g.session.users.map((u) => (
                    <li key={u.userId}>
                      <span className="history-swatch" style={{ background: userColor(u.userId).color }} aria-hidden="true" />
                      <span dir="auto">{u.name}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <ul className="history-version-list">
              {g.versions.map((v) => (
                <li key={v.id} className={`history-version kind-${v.kind}`} data-version-id={v.id} data-kind={v.kind}>
                  <div className="history-version-title">
                    <span className="history-kind">{t(`history.kind.${v.kind}`)}</span>
                    {v.name && (
                      <strong className="history-version-name" dir="auto">
                        {v.name}
                      </strong>
                    )}
                    {v.kind === "handin" && <span className="history-lock">🔒 {t("history.locked")}</span>}
                    <span className="muted">{formatTime(v.at)}</span>
                  </div>
                  {v.by.length > 0 && (
                    <div className="history-version-by muted">
                      {v.by.map((p) => p.name).join(", ")}
                    </div>
                  )}
                  <div className="history-version-actions">
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => setViewing(v)}>
                      {t("history.view")}
                    </button>
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => onCompare(v.id)}>
                      {t("history.compareWithNow")}
                    </button>
                    {canEdit && (
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setPending({ action: "restore", version: v })}>
                        {t("history.restore")}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {pending?.action === "handin" && (
        <ConfirmDialog
          look="history"
          title={t("history.handInTitle")}
          confirmLabel={t("history.handIn")}
          busy={busy}
          error={error}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void run(async () => {
              await client.createVersion(handle.docName, pending.name, true);
              setName("");
            }, t("history.handedIn", { name: pending.name }))
          }
        >
          <p>{t("history.handInBody", { name: pending.name })}</p>
        </ConfirmDialog>
      )}
      {pending?.action === "restore" && (
        <ConfirmDialog
          look="history"
          title={t("history.restoreTitle")}
          confirmLabel={t("history.restore")}
          busy={busy}
          error={error}
          onCancel={() => setPending(null)}
          onConfirm={() => void run(() => client.restore(handle.docName, pending.version.id), t("history.restored"))}
        >
          <p>{t("history.restoreBody", { when: formatTime(pending.version.at), name: pending.version.name ?? t(`history.kind.${pending.version.kind}`) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
