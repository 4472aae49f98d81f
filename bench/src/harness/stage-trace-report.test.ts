/**
 * The stage-trace report names the stage where the slowest 1 % spent their time, keeps the
 * background doc out, and splits group commits by what the relay's main thread did.
 */
import { describe, expect, it } from "vitest";
import { report } from "./stage-trace-report.ts";

function update(doc: string, at: number, commitMs: number) {
  return { doc, received: at, handled: at + 0.01, staged: at + 0.1, commitStarted: at + 0.2, committed: at + 0.2 + commitMs, sent: at + 0.3 + commitMs, readers: 10 };
}

describe("stage-trace report", () => {
  it("puts the slowest 1 % in the group commit when that is where they waited", () => {
    const updates = Array.from({ length: 200 }, (_, i) => update("fanout-k10-r0", 1 + i * 10, i % 100 === 7 ? 8 : 0.3));
    // The background doc's updates are slower still, but not measured.
    updates.push(update("fanout-k10-r0-background", 5, 50));
    const commits = [
      { start: 71.2, end: 79.5, rows: 3, slept: 1, preempted: 0 },
      { start: 10.2, end: 10.6, rows: 2, slept: 0, preempted: 0 },
      { start: 20.2, end: 25, rows: 2, slept: 0, preempted: 2 },
    ];
    const text = report({ updates, gcs: [], commits }, /^fanout-k\d+-r\d+$/);
    expect(text).toContain("updates traced: 200 of 201");
    const commitLine = text.split("\n").find((line) => line.trim().startsWith("commit ")) ?? "";
    const [slow, rest] = commitLine.trim().split(/\s+/).slice(1).map(Number);
    expect(slow).toBeCloseTo(8, 5);
    expect(rest).toBeLessThan(0.5);
    expect(text).toContain("commits where the main thread slept (lock wait, blocking I/O): 1");
    expect(text).toContain("commits where preempted only: 1");
    expect(text).toContain("commits where neither: 1");
  });
});
