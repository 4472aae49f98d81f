import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats.ts";

describe("stats", () => {
  it("summarizes odd and even counts", () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });
  it("reports NaN for no runs instead of a fake zero", () => {
    expect(Number.isNaN(summarize([]).median)).toBe(true);
  });
  it("interpolates percentiles", () => {
    const sorted = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([10, 20], 50)).toBe(15);
  });
});
