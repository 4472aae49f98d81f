import { describe, expect, it } from "vitest";
import { parseProvenanceRecords } from "./parse-records.ts";

const good = {
  seq: 1,
  userId: "u1",
  name: "Ann",
  firstAt: 10,
  lastAt: 20,
  inserts: [{ client: 7, clock: 0, len: 3 }],
  deletes: [],
  updates: 2,
  bytes: 40,
  catchUp: true,
};

describe("parseProvenanceRecords", () => {
  it("accepts well-formed records", () => {
    expect(parseProvenanceRecords([good])).toEqual([good]);
  });

  it("refuses malformed or hostile input with the reason", () => {
    const cases: [unknown, RegExp][] = [
      [{}, /expected an array/],
      [[{ ...good, seq: -1 }], /seq/],
      [[{ ...good, firstAt: 30 }], /firstAt is after lastAt/],
      [[{ ...good, inserts: [{ client: 7, clock: 0, len: 0 }] }], /malformed range/],
      [[{ ...good, deletes: [{ client: 2 ** 33, clock: 0, len: 1 }] }], /malformed range/],
      [[{ ...good, name: "x".repeat(2000) }], /name/],
      [[{ ...good, catchUp: "yes" }], /catchUp/],
      [[good, good], /duplicate seq/],
    ];
    for (const [input, reason] of cases) expect(() => parseProvenanceRecords(input)).toThrow(reason);
    expect(() => parseProvenanceRecords([good, { ...good, seq: 2 }], { maxRecords: 1, maxRangesPerRecord: 10, maxStringLength: 10 })).toThrow(/more than 1/);
  });
});
