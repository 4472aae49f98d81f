import type { ProvenanceRecord } from "@quire/core";
import { describe, expect, it } from "vitest";
import { DecodedChunkCache } from "./DecodedChunkCache.ts";
import { encodeStoredChunk } from "./provenance-codec.ts";

const record = (seq: number, len: number): ProvenanceRecord => ({
  seq,
  userId: "ann",
  name: "Ann",
  firstAt: 1_000 * seq,
  lastAt: 1_000 * seq,
  inserts: [{ client: 7, clock: 10 * seq, len }],
  deletes: [],
  updates: 1,
  bytes: 3,
});
const stored = (records: ProvenanceRecord[]) => Buffer.from(encodeStoredChunk(records));

describe("DecodedChunkCache", () => {
  it("answers a chunk's records while its bytes match, decodes again when they changed, and stays within its range budget", () => {
    const cache = new DecodedChunkCache(2);
    const a = [record(1, 1)];
    const b = [record(2, 1), record(3, 1)];
    expect(cache.records("d", 1, stored(a))).toEqual(a);
    expect(cache.records("d", 2, stored(b))).toEqual(b); // over budget: chunk 1 dropped
    expect(cache.records("d", 1, stored(a))).toEqual(a);
    const grown = [record(2, 1), record(3, 5)];
    expect(cache.records("d", 2, stored(grown))).toEqual(grown);
    const mine = cache.records("d", 2, stored(grown));
    mine[0]?.inserts.push({ client: 1, clock: 1, len: 1 });
    expect(cache.records("d", 2, stored(grown))).toEqual(grown);
  });
});
