import { describe, expect, it } from "vitest";
import { UpstreamTracker } from "./UpstreamTracker.ts";

const report = (inSync: boolean, clocks: [number, number][] = []) => ({ inSync, clocks: new Map(clocks) });

describe("UpstreamTracker", () => {
  it("starts unconfirmed after a load: earlier sessions' changes are unknown until an inSync report", () => {
    const tracker = new UpstreamTracker();
    expect(tracker.confirmed()).toBe(false);
    const { generation } = tracker.question();
    tracker.apply(report(false), generation, true);
    expect(tracker.confirmed()).toBe(false);
    tracker.apply(report(true), generation, false); // The hub did not have everything when asked.
    expect(tracker.confirmed()).toBe(false);
    tracker.apply(report(true), generation, true);
    expect(tracker.confirmed()).toBe(true);
  });

  it("confirms an insert by its clock while the class keeps the document out of sync", () => {
    const tracker = new UpstreamTracker();
    tracker.apply(report(true), tracker.question().generation, true);
    tracker.recordLocal(7, 0, 5);
    tracker.recordLocal(7, 5, 9);
    expect(tracker.question().clients).toEqual([7]);
    tracker.apply(report(false, [[7, 5]]), tracker.question().generation, true);
    expect(tracker.confirmed()).toBe(false); // clock 9 is not upstream yet
    tracker.apply(report(false, [[7, 9]]), tracker.question().generation, true);
    expect(tracker.confirmed()).toBe(true);
  });

  it("a delete-only change waits for an inSync report asked after it", () => {
    const tracker = new UpstreamTracker();
    tracker.apply(report(true), tracker.question().generation, true);
    tracker.recordLocal(7, 3, 3);
    expect(tracker.confirmed()).toBe(false);
    tracker.apply(report(false, []), tracker.question().generation, true);
    expect(tracker.confirmed()).toBe(false);
    tracker.apply(report(true, []), tracker.question().generation, true);
    expect(tracker.confirmed()).toBe(true);
  });

  it("an answer asked before a newer local change cannot vouch for it", () => {
    const tracker = new UpstreamTracker();
    const asked = tracker.question().generation;
    tracker.recordLocal(7, 3, 3); // a delete while the question was on its way
    tracker.apply(report(true), asked, true);
    expect(tracker.confirmed()).toBe(false);
    tracker.recordLocal(7, 3, 4);
    const again = tracker.question();
    tracker.recordLocal(7, 4, 6);
    tracker.apply(report(true, [[7, 4]]), again.generation, true);
    expect(tracker.confirmed()).toBe(false); // clock 6 and the delete are still unproven
  });

  it("asks at most 32 client ids", () => {
    const tracker = new UpstreamTracker();
    for (let c = 1; c <= 40; c++) tracker.recordLocal(c, 0, 1);
    expect(tracker.question().clients).toHaveLength(32);
  });
});
