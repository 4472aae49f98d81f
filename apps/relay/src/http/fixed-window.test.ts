import { describe, expect, it } from "vitest";
import { FixedWindowCounter, WINDOW_MS } from "./fixed-window.ts";

describe("FixedWindowCounter", () => {
  it("counts per key within a window and starts over in the next", () => {
    const counter = new FixedWindowCounter(2);
    expect(counter.add("a", 0)).toBe(1);
    expect(counter.exhausted("a", 1)).toBe(false);
    expect(counter.add("a", 2)).toBe(2);
    expect(counter.exhausted("a", 3)).toBe(true);
    expect(counter.exhausted("b", 3)).toBe(false);
    expect(counter.retryAfterSeconds("a", 1_000)).toBe(59);
    expect(counter.exhausted("a", WINDOW_MS)).toBe(false);
    expect(counter.add("a", WINDOW_MS)).toBe(1);
  });

  it("holds at most maxKeys windows however many keys arrive", () => {
    const counter = new FixedWindowCounter(1, 100);
    for (let i = 0; i < 10_000; i++) counter.add(`ip${i}`, i);
    const live = Array.from({ length: 10_000 }, (_, i) => counter.count(`ip${i}`, 10_000)).filter((n) => n > 0).length;
    expect(live).toBeLessThanOrEqual(100);
    // The newest keys are the ones kept: a flood evicts the oldest first.
    expect(counter.count("ip9999", 10_000)).toBe(1);
  });
});
