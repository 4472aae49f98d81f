import { describe, expect, it } from "vitest";
import { CPU_CLOCK_ABOVE_MS, costOf } from "./cpu-time.ts";

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

describe("costOf reads the CPU clock only when it matters", () => {
  it("does not read it for every short piece of work (a getrusage per commit was a quarter of a keystroke's cost)", () => {
    const real = process.cpuUsage;
    let reads = 0;
    process.cpuUsage = ((previous?: NodeJS.CpuUsage) => {
      reads++;
      return real.call(process, previous);
    }) as typeof process.cpuUsage;
    try {
      const started = performance.now();
      let charged = 0;
      for (let i = 0; i < 2_000; i++) charged += costOf(() => {});
      const elapsed = performance.now() - started;
      // At most one reading per CPU_CLOCK_ABOVE_MS of wall time (+1 for the first); it was 2 per call.
      expect(reads).toBeLessThanOrEqual(Math.ceil(elapsed / CPU_CLOCK_ABOVE_MS) + 1);
      expect(reads).toBeLessThan(2_000);
      // Short work is charged its wall time: never less than it cost.
      expect(charged).toBeGreaterThan(0);
      expect(charged).toBeLessThanOrEqual(elapsed);
    } finally {
      process.cpuUsage = real;
    }
  });
});
