/**
 * @module relative-time
 * "just now", "5 minutes ago", "yesterday", "12 Nov" — how the sidebar says when a doc was last
 * edited, in the interface language. Intl.RelativeTimeFormat and DateTimeFormat carry the
 * grammar of every language (Arabic's dual, French "il y a"), so no catalog holds a plural of
 * a time unit; only "just now" is ours (Intl says "now", which reads as a clock, not a past).
 *
 * Invariant: a time slightly in the future (another device's clock ahead) reads as "just now".
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `then` was (both ms since epoch), in `locale`; `justNow` is the catalog's words
 * for the first minute.
 * @example relativeTime(Date.now() - 5 * 60_000, Date.now(), "fr", "à l’instant") // "il y a 5 minutes"
 */
export function relativeTime(then: number, now: number, locale: string, justNow: string): string {
  const diff = Math.max(0, now - then);
  if (diff < MINUTE) return justNow;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" });
  if (diff < HOUR) return rtf.format(-Math.floor(diff / MINUTE), "minute");
  if (diff < DAY) return rtf.format(-Math.floor(diff / HOUR), "hour");
  if (diff < 7 * DAY) return rtf.format(-Math.max(1, Math.floor(diff / DAY)), "day");
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: now - then > 300 * DAY ? "numeric" : undefined };
  return new Intl.DateTimeFormat(locale, options).format(new Date(then));
}
