/**
 * @module csv
 * The contribution table as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or
 * LF quoted, quotes doubled). Names are member-chosen text that a teacher opens in a
 * spreadsheet, so a cell starting with = + - @ TAB or CR is prefixed with ' (OWASP "CSV
 * injection"): it shows as text instead of running as a formula. Times are ISO 8601 UTC.
 */
import type { Contribution } from "./contributions.ts";

export const CONTRIBUTION_CSV_COLUMNS = [
  "userId",
  "name",
  "inserted",
  "surviving",
  "deletedByThem",
  "removedByOthers",
  "sessions",
  "firstEditAt",
  "lastEditAt",
  "offlineRecords",
  "offlineInserted",
  "pastes",
  "pastedChars",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formula injection, then quoted if RFC 4180 needs it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function contributionsCsv(rows: readonly Contribution[]): string {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const lines = [CONTRIBUTION_CSV_COLUMNS.join(",")];
  for (const r of rows) {
    const cells: (string | number | null)[] = [
      r.userId,
      r.name,
      r.inserted,
      r.surviving,
      r.deletedByThem,
      r.removedByOthers,
      r.sessions,
      iso(r.firstEditAt),
      iso(r.lastEditAt),
      r.offlineRecords,
      r.offlineInserted,
      r.pastes.length,
      r.pastes.reduce((sum, p) => sum + p.chars, 0),
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
