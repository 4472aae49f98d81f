/**
 * @module local-time-input
 * Between relay times (ms) and `<input type="datetime-local">` values (local wall time, to
 * the minute). The range a teacher picks must include the edits shown at its ends, so a value
 * shows the minute holding a time, and an end read back covers that whole minute.
 */
const MINUTE = 60_000;

/** The minute holding `at`, as a datetime-local value. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ms for a datetime-local value; `ceil` makes the end of a range include its whole minute. Null when malformed. */
export function fromLocalInput(value: string, round: "floor" | "ceil"): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const t = new Date(y, mo - 1, d, h, mi).getTime();
  if (!Number.isFinite(t)) return null;
  return round === "ceil" ? t + MINUTE - 1 : t;
}
