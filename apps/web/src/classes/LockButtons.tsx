/**
 * @module LockButtons
 * "Unlock", or "Lock now" and "Lock at <due time>" (local wall time, to the minute): the lock
 * controls a document row and a group share (issue 13). The caller says what each button does
 * and how its labels read for screen readers; the due time is this component's own state.
 */
import { type JSX, useState } from "react";
import { fromLocalInput } from "../history/local-time-input.ts";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  locked: boolean;
  busy: boolean;
  /** Unique in the page: the due-time field's id. */
  dueId: string;
  labels: { unlock: string; lockNow: string; lockAt: string };
  onUnlock(): void;
  /** `at` null: now; else the due time (ms since epoch). */
  onLock(at: number | null): void;
}

export function LockButtons({ locked, busy, dueId, labels, onUnlock, onLock }: Props): JSX.Element {
  const { t } = useTranslation();
  const [due, setDue] = useState("");
  const dueAt = fromLocalInput(due, "floor");
  if (locked) {
    return (
      <button type="button" className="btn btn-ghost btn-small" aria-label={labels.unlock} disabled={busy} onClick={onUnlock}>
        {t("class.unlock")}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" aria-label={labels.lockNow} disabled={busy} onClick={() => onLock(null)}>
        {t("class.lockNow")}
      </button>
      <label htmlFor={dueId} className="small">
        {t("class.dueTime")}
      </label>
      <input id={dueId} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
      <button type="button" className="btn btn-ghost btn-small" aria-label={labels.lockAt} disabled={busy || dueAt === null} onClick={() => dueAt !== null && onLock(dueAt)}>
        {t("class.lockAt")}
      </button>
    </>
  );
}
