/**
 * @module provenance-retention
 * What retention does to old provenance (docs/privacy.md): fine-grained timing — one record
 * per typing run, every two minutes — is kept for `PROVENANCE_RETENTION_DAYS` (relay env);
 * older records are merged into one record per member per editing session. Contributions keep
 * their figures: who wrote and deleted what (the ranges are unioned, exact), sessions and
 * first/last edit (the merged record spans its session), catch-up work (live and catch-up
 * records are merged apart) and large pastes (kept as their own records).
 *
 * Invariants:
 * - Only a seq prefix of records older than the cutoff is merged, never the doc's newest
 *   record (it may still be extended).
 * - A merged record takes the seq of the member's last record in the group, so seqs stay
 *   unique, increasing and a subset of the old ones (versions, checkpoints keep their names).
 * - No group straddles a checkpoint: the records up to a checkpoint's seq stay exactly those
 *   the checkpoint stood for, so every checkpoint (named version, hand-in) keeps its exact
 *   text. Between checkpoints, a coarsened session replays member by member, not keystroke
 *   by keystroke.
 */
import type { ProvenanceRecord } from "@quire/core";
import { unionRanges } from "@quire/storage";

/** Same as @quire/history SESSION_GAP_MS: a pause this long ends a member's session. */
export const RETENTION_SESSION_GAP_MS = 10 * 60 * 1000;

/**
 * Inserted clock units per update from which a record stays on its own: a candidate paste
 * event (@quire/history DEFAULT_LARGE_PASTE_CHARS counts text characters, ≤ units, so no
 * paste it would report is lost).
 */
export const RETAINED_PASTE_UNITS = 100;

interface Group {
  key: string;
  segment: number;
  records: ProvenanceRecord[];
  lastAt: number;
}

export function coarsenToSessions(
  records: readonly ProvenanceRecord[],
  cutoffAt: number,
  checkpointSeqs: ReadonlySet<number>,
  gapMs = RETENTION_SESSION_GAP_MS,
): ProvenanceRecord[] {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  let old = 0;
  while (old < sorted.length - 1 && (sorted[old] as ProvenanceRecord).lastAt < cutoffAt) old++;
  const cuts = [...checkpointSeqs].sort((a, b) => a - b);
  const out: ProvenanceRecord[] = [];
  const open = new Map<string, Group>();
  const close = (g: Group) => {
    out.push(merge(g.records));
    open.delete(g.key);
  };
  let segment = 0;
  for (let i = 0; i < old; i++) {
    const r = sorted[i] as ProvenanceRecord;
    // A checkpoint between the previous record and this one ends every group.
    while (segment < cuts.length && (cuts[segment] as number) < r.seq) {
      segment++;
      for (const g of [...open.values()]) close(g);
    }
    if (insertedUnits(r) / Math.max(1, r.updates) >= RETAINED_PASTE_UNITS) {
      out.push(r);
      continue;
    }
    const key = `${r.userId}\n${r.name}\n${r.catchUp ? 1 : 0}`;
    const g = open.get(key);
    if (g && g.segment === segment && r.firstAt - g.lastAt < gapMs) {
      g.records.push(r);
      g.lastAt = Math.max(g.lastAt, r.lastAt);
      continue;
    }
    if (g) close(g);
    open.set(key, { key, segment, records: [r], lastAt: r.lastAt });
  }
  for (const g of [...open.values()]) close(g);
  for (let i = old; i < sorted.length; i++) out.push(sorted[i] as ProvenanceRecord);
  return out.sort((a, b) => a.seq - b.seq);
}

function insertedUnits(r: ProvenanceRecord): number {
  let n = 0;
  for (const range of r.inserts) n += range.len;
  return n;
}

function merge(group: readonly ProvenanceRecord[]): ProvenanceRecord {
  const first = group[0] as ProvenanceRecord;
  if (group.length === 1) return first;
  const last = group[group.length - 1] as ProvenanceRecord;
  const merged: ProvenanceRecord = {
    seq: last.seq,
    userId: first.userId,
    name: first.name,
    firstAt: Math.min(...group.map((r) => r.firstAt)),
    lastAt: Math.max(...group.map((r) => r.lastAt)),
    inserts: unionRanges(group.flatMap((r) => r.inserts), []),
    deletes: unionRanges(group.flatMap((r) => r.deletes), []),
    updates: group.reduce((n, r) => n + r.updates, 0),
    bytes: group.reduce((n, r) => n + r.bytes, 0),
  };
  if (first.catchUp) merged.catchUp = true;
  return merged;
}
