import { describe, expect, it } from "vitest";
import { decodeRanges, encodeRanges, intersectRanges, normalizeRanges, unionRanges } from "./clock-ranges.ts";

describe("clock ranges", () => {
  it("merges overlapping and touching ranges of one client, keeps clients apart", () => {
    expect(
      normalizeRanges([
        { client: 7, clock: 10, len: 5 },
        { client: 3, clock: 0, len: 2 },
        { client: 7, clock: 15, len: 1 },
        { client: 7, clock: 12, len: 2 },
        { client: 7, clock: 20, len: 3 },
      ]),
    ).toEqual([
      { client: 3, clock: 0, len: 2 },
      { client: 7, clock: 10, len: 6 },
      { client: 7, clock: 20, len: 3 },
    ]);
  });

  it("unions a typing run into one range", () => {
    let ranges = [{ client: 1, clock: 0, len: 1 }];
    for (let i = 1; i < 100; i++) ranges = unionRanges(ranges, [{ client: 1, clock: i, len: 1 }]);
    expect(ranges).toEqual([{ client: 1, clock: 0, len: 100 }]);
  });

  it("round-trips through the binary form, a few bytes per range", () => {
    const ranges = [
      { client: 4_000_000_000, clock: 1_000_000, len: 30 },
      { client: 4_000_000_000, clock: 1_000_100, len: 1 },
      { client: 5, clock: 0, len: 9 },
    ];
    const bytes = encodeRanges(ranges);
    expect(decodeRanges(bytes)).toEqual(normalizeRanges(ranges));
    expect(bytes.byteLength).toBeLessThan(20);
    expect(decodeRanges(encodeRanges([]))).toEqual([]);
  });

  it("refuses malformed stored bytes", () => {
    expect(() => decodeRanges(new Uint8Array([1, 5, 1, 0, 0]))).toThrow();
    expect(() => decodeRanges(new Uint8Array([0, 9]))).toThrow();
  });
});

describe("intersectRanges", () => {
  it("keeps what both sets cover, per client, normalized", () => {
    const a = [{ client: 1, clock: 0, len: 10 }, { client: 2, clock: 5, len: 5 }, { client: 3, clock: 0, len: 4 }];
    const b = [{ client: 1, clock: 8, len: 5 }, { client: 1, clock: 2, len: 2 }, { client: 2, clock: 0, len: 6 }, { client: 4, clock: 0, len: 9 }];
    expect(intersectRanges(a, b)).toEqual([
      { client: 1, clock: 2, len: 2 },
      { client: 1, clock: 8, len: 2 },
      { client: 2, clock: 5, len: 1 },
    ]);
    expect(intersectRanges(a, [])).toEqual([]);
    expect(intersectRanges(a, a)).toEqual(a);
  });

  it("agrees with a clock-by-clock intersection on random sets (seeded)", () => {
    let seed = 14;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const make = () => Array.from({ length: next(6) }, () => ({ client: next(3), clock: next(20), len: next(6) }));
      const a = make();
      const b = make();
      const set = (ranges: { client: number; clock: number; len: number }[]) => new Set(ranges.flatMap((r) => Array.from({ length: r.len }, (_, i) => `${r.client}:${r.clock + i}`)));
      const inB = set(b);
      const expected = [...set(a)].filter((key) => inB.has(key)).sort();
      expect([...set(intersectRanges(a, b))].sort(), `round ${round} (seed 14)`).toEqual(expected);
    }
  });
});
