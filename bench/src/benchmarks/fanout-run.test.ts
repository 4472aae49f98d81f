import { describe, expect, it } from "vitest";
import { crossingTimes, latenciesOf } from "./fanout-run.ts";

describe("latenciesOf", () => {
  it("takes each content op's first apply at or past its clock, and skips delete-only ops", () => {
    // Ops: clock 3 at t=0, delete-only (clock stays 3) at t=10, clock 5 at t=20.
    const writer = { clockAfter: [3, 3, 5], sentAt: [0, 10, 20] };
    // The reader applied clock 2 at t=1 (partial), 3 at t=4, 5 at t=27.
    const log = [2, 1, 3, 4, 5, 27];
    expect(latenciesOf(writer, log)).toEqual([4, 7]);
  });

  it("stops at ops the reader never received", () => {
    expect(latenciesOf({ clockAfter: [1, 2], sentAt: [0, 5] }, [1, 3])).toEqual([3]);
  });
});

describe("crossingTimes", () => {
  it("gives the wall time of every 500-row crossing of the background doc, prefill counted", () => {
    // Prefill 450: op 50 brings the doc to 500 rows, op 550 to 1,000; op 1,050 was never sent.
    const sentAt = Array.from({ length: 1_000 }, (_, i) => 100 + i * 2);
    expect(crossingTimes({ startedWallMs: 5_000, sentAt })).toEqual([5_000 + 100, 5_000 + 1_100]);
  });
});
