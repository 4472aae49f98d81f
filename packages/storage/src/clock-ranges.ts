/**
 * @module clock-ranges
 * Sets of Yjs clock ranges (`ClockRange`, half-open, per client id) as provenance stores them:
 * union for coalescing records, and a compact binary form (varints, clocks delta-coded per
 * client) so a record of a typing run costs a few bytes per client, not a JSON array.
 *
 * Invariant: every function returns ranges normalized — sorted by client then clock, no two
 * overlapping or touching ranges of one client, every `len > 0`.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { ClockRange } from "@quire/core";

/** The union of `ranges` (any order, may overlap), normalized. */
export function normalizeRanges(ranges: readonly ClockRange[]): ClockRange[] {
  const sorted = ranges.filter((r) => r.len > 0).sort((a, b) => a.client - b.client || a.clock - b.clock);
  const out: ClockRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && last.client === range.client && range.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock);
    } else {
      out.push({ client: range.client, clock: range.clock, len: range.len });
    }
  }
  return out;
}

/** The parts of `a` that are also in `b`, normalized (sorted, merged). */
export function intersectRanges(a: readonly ClockRange[], b: readonly ClockRange[]): ClockRange[] {
  if (a.length === 0 || b.length === 0) return [];
  const left = normalizeRanges([...a]);
  const right = normalizeRanges([...b]);
  const out: ClockRange[] = [];
  let j = 0;
  for (const range of left) {
    while (j < right.length && before(right[j] as ClockRange, range)) j += 1;
    for (let k = j; k < right.length; k += 1) {
      const other = right[k] as ClockRange;
      if (other.client !== range.client || other.clock >= range.clock + range.len) break;
      const start = Math.max(range.clock, other.clock);
      const end = Math.min(range.clock + range.len, other.clock + other.len);
      if (end > start) out.push({ client: range.client, clock: start, len: end - start });
    }
  }
  return normalizeRanges(out);
}

/** `r` ends before `range` starts (same ordering as normalizeRanges: client, then clock). */
function before(r: ClockRange, range: ClockRange): boolean {
  return r.client < range.client || (r.client === range.client && r.clock + r.len <= range.clock);
}

/** The union of two range sets, normalized. */
export function unionRanges(a: readonly ClockRange[], b: readonly ClockRange[]): ClockRange[] {
  if (b.length === 0) return normalizeRanges(a);
  return normalizeRanges([...a, ...b]);
}

/**
 * Encodes normalized-or-not ranges: count of clients, then per client its id, its number of
 * ranges and, per range, the gap from the previous range's end and the length.
 */
export function encodeRanges(ranges: readonly ClockRange[]): Uint8Array {
  const normal = normalizeRanges(ranges);
  const encoder = encoding.createEncoder();
  const clients: ClockRange[][] = [];
  for (const range of normal) {
    const group = clients[clients.length - 1];
    if (group && group[0]?.client === range.client) group.push(range);
    else clients.push([range]);
  }
  encoding.writeVarUint(encoder, clients.length);
  for (const group of clients) {
    encoding.writeVarUint(encoder, group[0]?.client ?? 0);
    encoding.writeVarUint(encoder, group.length);
    let end = 0;
    for (const range of group) {
      encoding.writeVarUint(encoder, range.clock - end);
      encoding.writeVarUint(encoder, range.len);
      end = range.clock + range.len;
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes what `encodeRanges` wrote. Throws on malformed bytes (stored data: callers quarantine). */
export function decodeRanges(bytes: Uint8Array): ClockRange[] {
  const decoder = decoding.createDecoder(bytes);
  const out: ClockRange[] = [];
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    let end = 0;
    for (let i = 0; i < count; i++) {
      const clock = end + decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      if (len === 0) throw new RangeError("stored clock range of length 0");
      out.push({ client, clock, len });
      end = clock + len;
    }
  }
  if (decoding.hasContent(decoder)) throw new RangeError("trailing bytes after stored clock ranges");
  return out;
}
