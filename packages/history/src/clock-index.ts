/**
 * @module clock-index
 * Which provenance record inserted, and which record deleted, each Yjs clock unit. Built once
 * from the records; every other computation asks it per item segment instead of per character.
 *
 * Invariants:
 * - Per client, intervals are disjoint and sorted by clock; a unit covered by several records
 *   (a delete set repeated by a later update) belongs to the earliest record that covers it.
 * - `UNRECORDED_INSERT` (-1) marks structs present in the doc but in no record (content from
 *   before provenance was kept): they belong to every version. `NOT_DELETED` (Infinity) marks
 *   units no record deleted; `UNRECORDED_DELETE` marks units deleted in the doc without a
 *   record saying when: visible in every recorded version, absent from the current one.
 */
import type { ClockRange, ProvenanceRecord } from "@quire/core";

export const UNRECORDED_INSERT = -1;
export const NOT_DELETED = Number.POSITIVE_INFINITY;
/** Larger than any real seq, smaller than NOT_DELETED; also the seq of "the current doc". */
export const UNRECORDED_DELETE = 2 ** 52;
export const CURRENT = UNRECORDED_DELETE;

/** Sorted disjoint intervals of one client: parallel arrays for a cheap binary search. */
interface ClientIntervals {
  start: number[];
  end: number[];
  seq: number[];
}

/** A piece of a clock range with one insert record and one delete record. */
export interface ClockSegment {
  clock: number;
  len: number;
  insSeq: number;
  delSeq: number;
}

export class ClockIndex {
  private readonly inserts = new Map<number, ClientIntervals>();
  private readonly deletes = new Map<number, ClientIntervals>();

  constructor(records: readonly ProvenanceRecord[]) {
    const sorted = [...records].sort((a, b) => a.seq - b.seq);
    for (const r of sorted) {
      for (const range of r.inserts) addFirstWins(this.inserts, range, r.seq);
      for (const range of r.deletes) addFirstWins(this.deletes, range, r.seq);
    }
  }

  /** The record that inserted unit (client, clock), or UNRECORDED_INSERT. */
  insertSeq(client: number, clock: number): number {
    return lookup(this.inserts.get(client), clock) ?? UNRECORDED_INSERT;
  }

  /**
   * Splits `len` units of `client` from `clock` wherever the inserting or deleting record
   * changes. `deletedInDoc` says whether the doc itself holds these units as deleted (Yjs items
   * are uniform in that), which decides between NOT_DELETED and UNRECORDED_DELETE.
   */
  segments(client: number, clock: number, len: number, deletedInDoc: boolean): ClockSegment[] {
    const out: ClockSegment[] = [];
    const ins = this.inserts.get(client);
    const del = this.deletes.get(client);
    const end = clock + len;
    let at = clock;
    while (at < end) {
      const a = piece(ins, at, end);
      const d = piece(del, at, end);
      const stop = Math.min(a.until, d.until);
      const delSeq = d.seq ?? (deletedInDoc ? UNRECORDED_DELETE : NOT_DELETED);
      out.push({ clock: at, len: stop - at, insSeq: a.seq ?? UNRECORDED_INSERT, delSeq });
      at = stop;
    }
    return out;
  }
}

function addFirstWins(map: Map<number, ClientIntervals>, range: ClockRange, seq: number): void {
  if (!(range.len > 0)) return;
  let iv = map.get(range.client);
  if (!iv) {
    iv = { start: [], end: [], seq: [] };
    map.set(range.client, iv);
  }
  const rEnd = range.clock + range.len;
  // Fast path: ranges of one client mostly arrive in clock order.
  const last = iv.end.length - 1;
  if (last < 0 || (iv.end[last] as number) <= range.clock) {
    if (last >= 0 && iv.end[last] === range.clock && iv.seq[last] === seq) iv.end[last] = rEnd;
    else {
      iv.start.push(range.clock);
      iv.end.push(rEnd);
      iv.seq.push(seq);
    }
    return;
  }
  // Slow path: fill only the gaps not yet covered (earlier records win).
  let at = range.clock;
  let i = firstEndingAfter(iv, at);
  while (at < rEnd) {
    const s = i < iv.start.length ? (iv.start[i] as number) : Number.POSITIVE_INFINITY;
    if (at < s) {
      const gapEnd = Math.min(s, rEnd);
      iv.start.splice(i, 0, at);
      iv.end.splice(i, 0, gapEnd);
      iv.seq.splice(i, 0, seq);
      i++;
      at = gapEnd;
    } else {
      at = Math.max(at, iv.end[i] as number);
      i++;
    }
  }
}

/** Index of the first interval whose end is after `clock`. */
function firstEndingAfter(iv: ClientIntervals, clock: number): number {
  let lo = 0;
  let hi = iv.end.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((iv.end[mid] as number) <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lookup(iv: ClientIntervals | undefined, clock: number): number | undefined {
  if (!iv) return undefined;
  const i = firstEndingAfter(iv, clock);
  if (i < iv.start.length && (iv.start[i] as number) <= clock) return iv.seq[i];
  return undefined;
}

/** The seq covering `at` (or undefined) and where that answer stops holding (≤ end). */
function piece(iv: ClientIntervals | undefined, at: number, end: number): { seq: number | undefined; until: number } {
  if (!iv) return { seq: undefined, until: end };
  const i = firstEndingAfter(iv, at);
  if (i >= iv.start.length) return { seq: undefined, until: end };
  const s = iv.start[i] as number;
  if (s <= at) return { seq: iv.seq[i], until: Math.min(iv.end[i] as number, end) };
  return { seq: undefined, until: Math.min(s, end) };
}
