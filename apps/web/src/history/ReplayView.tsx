/**
 * @module ReplayView
 * A slider over every record the relay accepted, oldest to newest: each position shows the
 * document's text and structure right after that record, who sent it and when, and whether it
 * was a paste or offline work. A step is the library's `versionText` (~0.1 ms on the B4
 * trace's 13k records), so scrubbing stays smooth on long histories; the rich text of a
 * version is for the Versions tab. Large pastes are listed with a jump to their step.
 */
import { type JSX, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { contributions, versionText } from "@quire/history";
import { userColor } from "../editor/user-color.ts";
import { formatTime } from "./format-time.ts";
import { replayPositions } from "./history-model.ts";
import type { HistoryData } from "./use-history-data.ts";

export function ReplayView({ data }: { data: HistoryData }): JSX.Element {
  const { t } = useTranslation();
  const { history } = data;
  const positions = useMemo(() => replayPositions(history.records), [history]);
  const pastes = useMemo(
    () => contributions(history).flatMap((c) => c.pastes.map((p) => ({ ...p, name: c.name, userId: c.userId }))).sort((a, b) => a.seq - b.seq),
    [history],
  );
  const [index, setIndex] = useState(positions.length - 1);
  const seq = positions[index];
  const text = useMemo(() => (seq === undefined ? "" : versionText(history, seq)), [history, seq]);
  if (seq === undefined) return <p className="muted">{t("history.noEdits")}</p>;
  const record = history.record(seq);
  const paste = pastes.find((p) => p.seq === seq);
  return (
    <div className="history-replay">
      <label className="history-replay-label" htmlFor="history-replay-slider">
        {t("history.replayLabel")}
      </label>
      <input
        id="history-replay-slider"
        type="range"
        min={0}
        max={positions.length - 1}
        step={1}
        value={index}
        onChange={(e) => setIndex(Number(e.target.value))}
        aria-valuetext={record ? t("history.replayStep", { step: index + 1, total: positions.length, name: record.name, when: formatTime(record.lastAt) }) : undefined}
        data-testid="replay-slider"
      />
      {record && (
        <p className="history-replay-step" aria-live="polite">
          <span className="history-swatch" style={{ background: userColor(record.userId).color }} aria-hidden="true" />
          <span dir="auto">{t("history.replayStep", { step: index + 1, total: positions.length, name: record.name, when: formatTime(record.lastAt) })}</span>
          {record.catchUp && <span className="history-tag">{t("history.offlineTag")}</span>}
          {paste && <span className="history-tag is-paste">{t("history.pasteTag", { count: paste.chars })}</span>}
        </p>
      )}
      <div className="history-text" role="document" aria-label={t("history.tab.replay")} dir="auto" data-testid="replay-text">
        {text.split("\n").map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
          <p key={i} className="history-block" dir="auto">
            {line === "" ? <br /> : line}
          </p>
        ))}
      </div>
      {pastes.length > 0 && (
        <div className="history-pastes">
          <h3>{t("history.pastesHeading")}</h3>
          <ul>
            {pastes.map((p) => (
              <li key={p.seq}>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setIndex(Math.max(0, positions.indexOf(p.seq)))}>
                  {t("history.pasteEvent", { name: p.name, count: p.chars, when: formatTime(p.at) })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
