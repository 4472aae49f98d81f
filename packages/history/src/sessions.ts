/**
 * @module sessions
 * Bursts of editing: consecutive records (by relay receive time) with less than
 * `SESSION_GAP_MS` between the end of one and the start of the next. Used for the whole doc
 * (who took part in each) and per member (their own records only).
 */
import type { ProvenanceRecord } from "@quire/core";
import type { Author } from "./DocHistory.ts";

/**
 * Ten minutes without an edit ends a session (issue 12). Shorter gaps are pauses to think or
 * read; a teacher's "sessions" should count sittings, not sentences.
 */
export const SESSION_GAP_MS = 10 * 60 * 1000;

export interface Session {
  start: number;
  end: number;
  /** How many records (typing runs, pastes, catch-ups) fell into it. */
  records: number;
  /** Who sent edits in it, in order of first edit. */
  users: Author[];
}

export function sessionsOf(records: readonly ProvenanceRecord[], gapMs: number = SESSION_GAP_MS): Session[] {
  const sorted = [...records].sort((a, b) => a.firstAt - b.firstAt || a.seq - b.seq);
  const out: Session[] = [];
  let current: (Session & { seen: Set<string> }) | null = null;
  for (const r of sorted) {
    if (!current || r.firstAt - current.end >= gapMs) {
      if (current) out.push(strip(current));
      current = { start: r.firstAt, end: r.lastAt, records: 0, users: [], seen: new Set() };
    }
    current.end = Math.max(current.end, r.lastAt);
    current.records++;
    if (!current.seen.has(r.userId)) {
      current.seen.add(r.userId);
      current.users.push({ userId: r.userId, name: r.name });
    }
  }
  if (current) out.push(strip(current));
  return out;
}

function strip(s: Session & { seen: Set<string> }): Session {
  return { start: s.start, end: s.end, records: s.records, users: s.users };
}
