/**
 * @module log-fields
 * Bounds what one log line can carry. Log fields often hold what a peer sent (a URL path, a
 * name): anonymous sockets with 15 KB paths wrote 4.3 MiB of log from 300 sockets (security
 * finding S7). Every string field is cut to MAX_LOG_FIELD_CHARS with a note of how much was
 * dropped — enough for any valid doc name (200 characters) and any error message.
 */

/** Longest string field value written to the log. */
export const MAX_LOG_FIELD_CHARS = 300;

/** `value` itself when short enough, else its first MAX_LOG_FIELD_CHARS characters and a note. */
export function truncateForLog(value: string): string {
  if (value.length <= MAX_LOG_FIELD_CHARS) return value;
  return `${value.slice(0, MAX_LOG_FIELD_CHARS)}…(${value.length - MAX_LOG_FIELD_CHARS} more characters)`;
}

/** A copy of `fields` with every string value truncated; other values as they are. */
export function boundLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const bounded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) bounded[key] = typeof value === "string" ? truncateForLog(value) : value;
  return bounded;
}
