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
  private readonly inserts: Map<number, ClientIntervals>;
  private readonly deletes: Map<number, ClientIntervals>;

  constructor(records: readonly ProvenanceRecord[]) {
    const ins = new Map<number, RawRange[]>();
    const del = new Map<number, RawRange[]>();
    for (const r of records) {
      for (const range of r.inserts) collect(ins, range, r.seq);
      for (const range of r.deletes) collect(del, range, r.seq);
    }
    this.inserts = build(ins);
    this.deletes = build(del);
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

interface RawRange {
  start: number;
  end: number;
  seq: number;
}

function collect(map: Map<number, RawRange[]>, range: ClockRange, seq: number): void {
  if (!(range.len > 0)) return;
  let list = map.get(range.client);
  if (!list) {
    list = [];
    map.set(range.client, list);
  }
  list.push({ start: range.clock, end: range.clock + range.len, seq });
}

/**
 * Disjoint intervals where each unit gets the smallest seq of the ranges covering it: a sweep
 * over the range boundaries with a min-heap of the ranges open there, O(n log n). (Ranges of
 * one client arrive in any order: deletes follow the text, not the clock.)
 */
function build(raw: Map<number, RawRange[]>): Map<number, ClientIntervals> {
  const out = new Map<number, ClientIntervals>();
  for (const [client, list] of raw) {
    list.sort((a, b) => a.start - b.start || a.seq - b.seq);
    const iv: ClientIntervals = { start: [], end: [], seq: [] };
    const heap: RawRange[] = [];
    let i = 0;
    let at = list[0]?.start ?? 0;
    while (i < list.length || heap.length > 0) {
      if (heap.length === 0) at = Math.max(at, (list[i] as RawRange).start);
      while (i < list.length && (list[i] as RawRange).start <= at) heapPush(heap, list[i++] as RawRange);
      while (heap.length > 0 && (heap[0] as RawRange).end <= at) heapPop(heap);
      const top = heap[0];
      if (!top) continue;
      const nextStart = i < list.length ? (list[i] as RawRange).start : Number.POSITIVE_INFINITY;
      const stop = Math.min(top.end, nextStart);
      const last = iv.end.length - 1;
      if (last >= 0 && iv.end[last] === at && iv.seq[last] === top.seq) iv.end[last] = stop;
      else {
        iv.start.push(at);
        iv.end.push(stop);
        iv.seq.push(top.seq);
      }
      at = stop;
    }
    out.set(client, iv);
  }
  return out;
}

/** Min-heap by seq. */
function heapPush(h: RawRange[], x: RawRange): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if ((h[p] as RawRange).seq <= x.seq) break;
    h[i] = h[p] as RawRange;
    i = p;
  }
  h[i] = x;
}

function heapPop(h: RawRange[]): void {
  const last = h.pop() as RawRange;
  if (h.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const r = l + 1;
    const c = r < h.length && (h[r] as RawRange).seq < (h[l] as RawRange).seq ? r : l;
    if ((h[c] as RawRange).seq >= last.seq) break;
    h[i] = h[c] as RawRange;
    i = c;
  }
  h[i] = last;
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
