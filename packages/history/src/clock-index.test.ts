import type { ProvenanceRecord } from "@quire/core";
import { describe, expect, it } from "vitest";
import { ClockIndex, NOT_DELETED, UNRECORDED_DELETE, UNRECORDED_INSERT } from "./clock-index.ts";

const rec = (seq: number, inserts: [number, number, number][], deletes: [number, number, number][] = []): ProvenanceRecord => ({
  seq,
  userId: "u",
  name: "U",
  firstAt: seq,
  lastAt: seq,
  inserts: inserts.map(([client, clock, len]) => ({ client, clock, len })),
  deletes: deletes.map(([client, clock, len]) => ({ client, clock, len })),
  updates: 1,
  bytes: 1,
});

describe("ClockIndex", () => {
  it("splits a clock range where the inserting or deleting record changes", () => {
    const idx = new ClockIndex([rec(1, [[7, 0, 10]]), rec(2, [[7, 10, 5]], [[7, 3, 4]]), rec(3, [], [[7, 5, 8]])]);
    expect(idx.segments(7, 0, 15, false)).toEqual([
      { clock: 0, len: 3, insSeq: 1, delSeq: NOT_DELETED },
      { clock: 3, len: 4, insSeq: 1, delSeq: 2 },
      { clock: 7, len: 3, insSeq: 1, delSeq: 3 },
      { clock: 10, len: 3, insSeq: 2, delSeq: 3 },
      { clock: 13, len: 2, insSeq: 2, delSeq: NOT_DELETED },
    ]);
  });

  it("gives an overlapping range to the earliest record, in any input order", () => {
    const idx = new ClockIndex([rec(5, [], [[1, 0, 10]]), rec(2, [[1, 0, 10]], [[1, 4, 2]])]);
    expect(idx.segments(1, 0, 10, true).map((s) => [s.clock, s.len, s.delSeq])).toEqual([
      [0, 4, 5],
      [4, 2, 2],
      [6, 4, 5],
    ]);
  });

  it("marks what no record covers as before history or deleted at an unknown time", () => {
    const idx = new ClockIndex([rec(1, [[1, 5, 5]])]);
    expect(idx.segments(1, 0, 10, true)).toEqual([
      { clock: 0, len: 5, insSeq: UNRECORDED_INSERT, delSeq: UNRECORDED_DELETE },
      { clock: 5, len: 5, insSeq: 1, delSeq: UNRECORDED_DELETE },
    ]);
    expect(idx.insertSeq(9, 0)).toBe(UNRECORDED_INSERT);
  });
});
