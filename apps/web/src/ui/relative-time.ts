/**
 * @module relative-time
 * "just now", "5 min ago", "yesterday" — how the sidebar says when a doc was last edited.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Human, short description of how long ago `then` was (both ms since epoch). */
export function relativeTime(then: number, now: number = Date.now()): string {
  const diff = Math.max(0, now - then);
  if (diff < MINUTE) return "just now";
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) {
    const hours = Math.floor(diff / HOUR);
    return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  }
  if (diff < 2 * DAY) return "yesterday";
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)} days ago`;
  return new Date(then).toLocaleDateString(undefined, { day: "numeric", month: "short", year: now - then > 300 * DAY ? "numeric" : undefined });
}
