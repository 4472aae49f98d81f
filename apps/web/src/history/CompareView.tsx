/**
 * @module CompareView
 * Any two versions side by side in one text (issue 12 item 3: not only adjacent ones): pick
 * two — by default the version chosen in the timeline against now — and see insertions
 * underlined and deletions struck through in the colour of who made them, with a legend.
 * Opened from "while you were away", it starts at the document as this device last saw it
 * and outlines the reader's own offline edits.
 */
import { type JSX, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { diffVersions } from "@quire/history";
import { AuthorText } from "./AuthorText.tsx";
import { formatTime } from "./format-time.ts";
import { type AwayStart, awayCompareFrom, diffCounts, legendOf, seqOfVersion } from "./history-model.ts";
import { Legend } from "./Legend.tsx";
import type { HistoryData } from "./use-history-data.ts";

const NOW = "now";
const AWAY = "away";

interface Props {
  data: HistoryData;
  initialFrom: string | null;
  away: AwayStart | undefined;
  selfUserId: string;
}

export function CompareView({ data, initialFrom, away, selfUserId }: Props): JSX.Element {
  const { t } = useTranslation();
  const { versions, history } = data;
  const fallback = [...versions].reverse().find((v) => v.kind === "named" || v.kind === "handin") ?? versions[0];
  const [from, setFrom] = useState<string>(initialFrom ?? (away ? AWAY : (fallback?.id ?? NOW)));
  const [to, setTo] = useState<string>(NOW);
  const awaySeq = useMemo(() => (away ? awayCompareFrom(history.records, away.seenBefore) : null), [away, history]);

  const runs = useMemo(() => {
    const seqOf = (id: string): number | "current" => {
      if (id === NOW) return "current";
      if (id === AWAY && awaySeq !== null) return awaySeq;
      const v = versions.find((x) => x.id === id);
      return v ? seqOfVersion(v, history.records) : "current";
    };
    return diffVersions(history, seqOf(from), seqOf(to));
  }, [history, versions, from, to, awaySeq]);
  const counts = diffCounts(runs);
  const legend = legendOf(runs.filter((r) => r.kind !== "same"));

  const options = (
    <>
      {away && <option value={AWAY}>{t("history.beforeReconnect")}</option>}
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {`${v.name ?? t(`history.kind.${v.kind}`)} · ${formatTime(v.at)}`}
        </option>
      ))}
      <option value={NOW}>{t("history.now")}</option>
    </>
  );
  return (
    <div className="history-compare">
      <div className="history-pickers">
        <label>
          <span>{t("history.compareFrom")}</span>
          <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
            {options}
          </select>
        </label>
        <label>
          <span>{t("history.compareTo")}</span>
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
            {options}
          </select>
        </label>
      </div>
      <p className="muted" role="status">
        {t("history.compareSummary", { inserted: counts.inserted, deleted: counts.deleted })}
      </p>
      <Legend authors={legend} marks selfUserId={away ? selfUserId : undefined} />
      <AuthorText runs={runs} kinds selfUserId={away ? selfUserId : undefined} label={t("history.tab.compare")} />
    </div>
  );
}
