import type { ProvenanceRecord } from "@quire/core";
import { describe, expect, it } from "vitest";
import { decodeChunk, decodeStoredChunk, encodeChunk, encodeStoredChunk } from "./provenance-codec.ts";

const records: ProvenanceRecord[] = [
  {
    seq: 3,
    userId: "u_ann",
    name: "Ann",
    firstAt: 1_764_500_000_000,
    lastAt: 1_764_500_090_000,
    inserts: [{ client: 4_000_000_001, clock: 10, len: 25 }],
    deletes: [
      { client: 17, clock: 0, len: 1 },
      { client: 4_000_000_001, clock: 2, len: 1 },
      { client: 4_000_000_001, clock: 4, len: 3 },
    ],
    updates: 20,
    bytes: 900,
  },
  // The relay clock stepped back (NTP): a negative time delta.
  { seq: 9, userId: "u_ben", name: "Ben 🙂", firstAt: 1_764_499_999_000, lastAt: 1_764_499_999_000, inserts: [], deletes: [], updates: 1, bytes: 12, catchUp: true },
  { seq: 10, userId: "u_ann", name: "Ann", firstAt: 1_764_500_100_000, lastAt: 1_764_500_100_000, inserts: [{ client: 17, clock: 1, len: 1 }], deletes: [], updates: 1, bytes: 30 },
];

describe("provenance chunk codec", () => {
  it("round-trips records (senders, 32-bit client ids, catch-up, clock going back)", () => {
    expect(decodeChunk(encodeChunk(records))).toEqual(records);
    expect(decodeStoredChunk(encodeStoredChunk(records))).toEqual(records);
    // The raw form of a doc's open chunk (tag 0) decodes to the same records.
    const raw = encodeStoredChunk(records, true);
    expect(raw[0]).toBe(0);
    expect(decodeStoredChunk(raw)).toEqual(records);
  });

  it("normalizes ranges and refuses seqs that do not increase", () => {
    const messy: ProvenanceRecord = { ...(records[0] as ProvenanceRecord), deletes: [{ client: 5, clock: 3, len: 2 }, { client: 5, clock: 1, len: 2 }] };
    expect(decodeChunk(encodeChunk([messy]))[0]?.deletes).toEqual([{ client: 5, clock: 1, len: 4 }]);
    expect(() => encodeChunk([records[2] as ProvenanceRecord, records[0] as ProvenanceRecord])).toThrow(RangeError);
  });

  it("throws on damaged bytes instead of returning records", () => {
    const good = encodeChunk(records);
    expect(() => decodeChunk(good.subarray(0, good.length - 1))).toThrow();
    expect(() => decodeChunk(Uint8Array.from([...good, 0]))).toThrow(/trailing/);
    expect(() => decodeChunk(Uint8Array.from([2, ...good.subarray(1)]))).toThrow(/format/);
    // A forged count far beyond the bytes that follow.
    expect(() => decodeChunk(Uint8Array.from([1, 0xff, 0xff, 0xff, 0x0f]))).toThrow(/count/);
    expect(() => decodeStoredChunk(Uint8Array.from([1, 9, 9, 9]))).toThrow();
    expect(() => decodeStoredChunk(Uint8Array.from([7]))).toThrow(/tag/);
    expect(() => decodeStoredChunk(Uint8Array.from([0, ...good.subarray(0, good.length - 1)]))).toThrow();
  });
});
