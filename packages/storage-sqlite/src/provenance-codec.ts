/**
 * @module provenance-codec
 * The stored form of provenance records (issue 12: provenance ≤ 15 % of the stored doc on B4).
 * Consecutive records of one doc are packed into one blob, a *chunk*, instead of one SQLite
 * row each: a row cost ~17 bytes of cell and header overhead, a full relay time 6 bytes and a
 * 32-bit client id 5 bytes every time it appeared. In a chunk, senders and client ids are
 * listed once and referred to by index, times are deltas from the previous record, and a
 * range of length 1 (a keystroke, a backspace) costs one varint.
 *
 * Layout (lib0 varints): format version; senders (userId, name); client ids; records. A record:
 * seq delta, flags (bit 0 catch-up), sender index, firstAt delta (signed: the relay clock may
 * step back), lastAt − firstAt, updates, bytes, inserts, deletes. Ranges: per client group,
 * client index, count, then per range `gap << 1 | (len === 1)` and `len` unless it was 1; gap
 * is the distance from the previous range's end within the group (ranges are normalized).
 *
 * Stored, a complete chunk is deflated (`encodeStoredChunk`): another ~30 % off on B4 (delete
 * ranges repeat the same small gaps), for ~0.1 ms per write of a 1 KiB chunk. A doc's newest
 * chunk, rewritten by every group commit, is stored raw until it closes (tag 0).
 *
 * Invariant: `decodeChunk(encodeChunk(rs))` equals `rs` with ranges normalized. Decoding
 * stored bytes is checked (stored data crosses a trust boundary: a damaged file must throw,
 * not hand out nonsense records).
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { ClockRange, ProvenanceRecord } from "@quire/core";
import { normalizeRanges } from "@quire/storage";

const FORMAT = 1;
const FLAG_CATCH_UP = 1;

export function encodeChunk(records: readonly ProvenanceRecord[]): Uint8Array {
  const senders = new Map<string, number>();
  const senderList: [string, string][] = [];
  const clients = new Map<number, number>();
  const clientList: number[] = [];
  const normal = records.map((r) => ({ r, inserts: normalizeRanges(r.inserts), deletes: normalizeRanges(r.deletes) }));
  for (const { r, inserts, deletes } of normal) {
    const key = `${r.userId}\n${r.name}`;
    if (!senders.has(key)) {
      senders.set(key, senderList.length);
      senderList.push([r.userId, r.name]);
    }
    for (const range of [...inserts, ...deletes]) {
      if (!clients.has(range.client)) {
        clients.set(range.client, clientList.length);
        clientList.push(range.client);
      }
    }
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, FORMAT);
  encoding.writeVarUint(e, senderList.length);
  for (const [userId, name] of senderList) {
    encoding.writeVarString(e, userId);
    encoding.writeVarString(e, name);
  }
  encoding.writeVarUint(e, clientList.length);
  for (const client of clientList) encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, normal.length);
  let seq = 0;
  let at = 0;
  for (const { r, inserts, deletes } of normal) {
    if (r.seq <= seq) throw new RangeError("records of a chunk must have increasing seqs");
    encoding.writeVarUint(e, r.seq - seq);
    encoding.writeVarUint(e, r.catchUp ? FLAG_CATCH_UP : 0);
    encoding.writeVarUint(e, senders.get(`${r.userId}\n${r.name}`) as number);
    encoding.writeVarInt(e, r.firstAt - at);
    encoding.writeVarUint(e, r.lastAt - r.firstAt);
    encoding.writeVarUint(e, r.updates);
    encoding.writeVarUint(e, r.bytes);
    writeRanges(e, inserts, clients);
    writeRanges(e, deletes, clients);
    seq = r.seq;
    at = r.firstAt;
  }
  return encoding.toUint8Array(e);
}

function writeRanges(e: encoding.Encoder, normal: readonly ClockRange[], clients: Map<number, number>): void {
  const groups: ClockRange[][] = [];
  for (const range of normal) {
    const group = groups[groups.length - 1];
    if (group && group[0]?.client === range.client) group.push(range);
    else groups.push([range]);
  }
  encoding.writeVarUint(e, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(e, clients.get((group[0] as ClockRange).client) as number);
    encoding.writeVarUint(e, group.length);
    let end = 0;
    for (const range of group) {
      const gap = range.clock - end;
      if (range.len === 1) encoding.writeVarUint(e, gap * 2 + 1);
      else {
        encoding.writeVarUint(e, gap * 2);
        encoding.writeVarUint(e, range.len);
      }
      end = range.clock + range.len;
    }
  }
}

/** Decodes what `encodeChunk` wrote. Throws on malformed or unknown bytes. */
export function decodeChunk(bytes: Uint8Array): ProvenanceRecord[] {
  const d = decoding.createDecoder(bytes);
  const format = decoding.readVarUint(d);
  if (format !== FORMAT) throw new RangeError(`unknown provenance chunk format ${format}`);
  const senders: [string, string][] = [];
  for (let n = readCount(d, bytes); n > 0; n--) senders.push([decoding.readVarString(d), decoding.readVarString(d)]);
  const clients: number[] = [];
  for (let n = readCount(d, bytes); n > 0; n--) clients.push(decoding.readVarUint(d));
  const out: ProvenanceRecord[] = [];
  let seq = 0;
  let at = 0;
  for (let n = readCount(d, bytes); n > 0; n--) {
    const step = decoding.readVarUint(d);
    if (step < 1) throw new RangeError("provenance chunk: seqs must increase");
    seq += step;
    const flags = decoding.readVarUint(d);
    const sender = senders[decoding.readVarUint(d)];
    if (!sender) throw new RangeError("provenance chunk: unknown sender index");
    at += decoding.readVarInt(d);
    const record: ProvenanceRecord = {
      seq,
      userId: sender[0],
      name: sender[1],
      firstAt: at,
      lastAt: at + decoding.readVarUint(d),
      updates: decoding.readVarUint(d),
      bytes: decoding.readVarUint(d),
      inserts: readRanges(d, clients, bytes),
      deletes: readRanges(d, clients, bytes),
    };
    if (flags & FLAG_CATCH_UP) record.catchUp = true;
    out.push(record);
  }
  if (decoding.hasContent(d)) throw new RangeError("provenance chunk: trailing bytes");
  return out;
}

/** A count can be no larger than the bytes left (each item takes at least one): a budget against forged counts. */
function readCount(d: decoding.Decoder, bytes: Uint8Array): number {
  const n = decoding.readVarUint(d);
  if (n > bytes.length - d.pos) throw new RangeError("provenance chunk: count beyond its bytes");
  return n;
}

function readRanges(d: decoding.Decoder, clients: readonly number[], bytes: Uint8Array): ClockRange[] {
  const out: ClockRange[] = [];
  for (let g = readCount(d, bytes); g > 0; g--) {
    const client = clients[decoding.readVarUint(d)];
    if (client === undefined) throw new RangeError("provenance chunk: unknown client index");
    let end = 0;
    for (let n = readCount(d, bytes); n > 0; n--) {
      const code = decoding.readVarUint(d);
      const clock = end + Math.floor(code / 2);
      const len = code % 2 === 1 ? 1 : decoding.readVarUint(d);
      if (len === 0) throw new RangeError("provenance chunk: range of length 0");
      out.push({ client, clock, len });
      end = clock + len;
    }
  }
  return out;
}

/** First byte of a stored chunk: how the rest is packed. */
const STORED_RAW = 0;
const STORED_DEFLATE = 1;

/**
 * Inflated size a stored chunk may claim: far above a real chunk (a few KiB; one record holds
 * at most one update's ranges past the coalescing cap), bounds a damaged or forged blob.
 */
export const MAX_CHUNK_INFLATED_BYTES = 64 * 1024 * 1024;

/** Deflate calls made by `encodeStoredChunk` (tests count them per group commit). */
export const chunkDeflates = { count: 0 };

/**
 * `encodeChunk` behind a one-byte tag: deflated (a chunk that is complete), or `raw` (a doc's
 * newest chunk, which every group commit rewrites: deflating it on every commit was ~4 % of the
 * relay's CPU in the throughput flood, bench/FINDINGS.md F15/F19; it is deflated once it closes).
 */
export function encodeStoredChunk(records: readonly ProvenanceRecord[], raw = false): Uint8Array {
  const encoded = encodeChunk(records);
  if (raw) {
    const out = new Uint8Array(encoded.byteLength + 1);
    out[0] = STORED_RAW;
    out.set(encoded, 1);
    return out;
  }
  chunkDeflates.count += 1;
  const packed = deflateRawSync(encoded);
  const out = new Uint8Array(packed.byteLength + 1);
  out[0] = STORED_DEFLATE;
  out.set(packed, 1);
  return out;
}

/** Whether a stored chunk is in the raw form (a doc's open chunk). */
export function isRawStoredChunk(bytes: Uint8Array): boolean {
  return bytes[0] === STORED_RAW;
}

export function decodeStoredChunk(bytes: Uint8Array): ProvenanceRecord[] {
  if (bytes[0] === STORED_RAW) return decodeChunk(bytes.subarray(1));
  if (bytes[0] !== STORED_DEFLATE) throw new RangeError(`unknown stored provenance chunk tag ${bytes[0]}`);
  return decodeChunk(inflateRawSync(bytes.subarray(1), { maxOutputLength: MAX_CHUNK_INFLATED_BYTES }));
}
