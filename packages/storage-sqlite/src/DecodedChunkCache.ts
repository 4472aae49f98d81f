/**
 * @module DecodedChunkCache
 * Provenance chunks decoded once and reused while their stored bytes stay the same
 * (ProvenanceLog). Reading a long doc's records inflated and decoded every chunk on every
 * request: B4 through the relay, 884 records with ~90k ranges, 16–90 ms per versions list on a
 * loaded box. Only a doc's newest chunk changes with each batch, and a rewritten chunk
 * (retention) has other bytes, so comparing the bytes is the whole invalidation.
 *
 * Invariant: callers get their own record objects and range arrays; the range objects are
 * shared and never changed here.
 */
import type { ProvenanceRecord } from "@quire/core";
import { decodeStoredChunk } from "./provenance-codec.ts";

/**
 * Clock ranges of decoded chunks kept in memory (~40 bytes each: ~8 MB), least recently used
 * dropped first: about two B4-sized histories.
 */
export const MAX_DECODED_RANGES = 200_000;

interface Entry {
  data: Buffer;
  records: ProvenanceRecord[];
  ranges: number;
}

export class DecodedChunkCache {
  /** By `doc\nfirstSeq`, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private ranges = 0;

  constructor(private readonly maxRanges = MAX_DECODED_RANGES) {}

  /** The records of the stored chunk `data` (of `doc`, starting at `firstSeq`). */
  records(doc: string, firstSeq: number, data: Buffer): ProvenanceRecord[] {
    const key = `${doc}\n${firstSeq}`;
    let entry = this.entries.get(key);
    if (entry?.data.equals(data)) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, entry);
    } else {
      if (entry) this.drop(key, entry);
      const records = decodeStoredChunk(data);
      entry = { data: Buffer.from(data), records, ranges: records.reduce((n, r) => n + r.inserts.length + r.deletes.length, 0) };
      this.entries.set(key, entry);
      this.ranges += entry.ranges;
      for (const [oldKey, old] of this.entries) {
        if (this.ranges <= this.maxRanges || oldKey === key) break;
        this.drop(oldKey, old);
      }
    }
    return entry.records.map((r) => ({ ...r, inserts: r.inserts.slice(), deletes: r.deletes.slice() }));
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.ranges -= entry.ranges;
  }
}
