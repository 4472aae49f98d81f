import { describe, expect, it } from "vitest";
import { latenciesOf } from "./fanout-run.ts";

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
