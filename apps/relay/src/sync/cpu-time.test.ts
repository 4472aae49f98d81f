import { describe, expect, it } from "vitest";
import { costOf } from "./cpu-time.ts";

describe("costOf", () => {
  it("does not charge time the thread spent descheduled or blocked (a busy server)", () => {
    // Atomics.wait blocks the thread without using CPU, as being descheduled does.
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const cost = costOf(() => Atomics.wait(cell, 0, 0, 200));
    expect(cost).toBeLessThan(50);
  });

  it("charges work that really runs", () => {
    const cost = costOf(() => {
      const until = performance.now() + 60;
      let x = 0;
      while (performance.now() < until) x += Math.sqrt(x + 1);
      expect(x).toBeGreaterThan(0);
    });
    expect(cost).toBeGreaterThan(20);
  });
});
