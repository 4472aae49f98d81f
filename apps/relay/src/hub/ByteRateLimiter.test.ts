import { describe, expect, it } from "vitest";
import { ByteRateLimiter } from "./ByteRateLimiter.ts";

/** A limiter on a fake clock: sleeping advances it. */
function fake(bytesPerSecond: number) {
  let now = 1_000_000;
  const slept: number[] = [];
  const limiter = new ByteRateLimiter(
    bytesPerSecond,
    () => now,
    async (ms) => {
      slept.push(ms);
      now += ms;
    },
  );
  return { limiter, slept, elapsed: () => now - 1_000_000 };
}

describe("ByteRateLimiter", () => {
  it("spaces transfers so that the average stays at the cap", async () => {
    const { limiter, slept, elapsed } = fake(1_000);
    for (let i = 0; i < 5; i++) await limiter.take(500);
    // 2,500 bytes at 1,000 B/s: the fifth transfer starts 2 s in (each one waits for the last).
    expect(elapsed()).toBe(2_000);
    expect(slept).toEqual([500, 500, 500, 500]);
  });

  it("does not wait when there is no cap or the link was idle long enough", async () => {
    const none = fake(0);
    await none.limiter.take(10_000_000);
    await none.limiter.take(10_000_000);
    expect(none.elapsed()).toBe(0);
    const idle = fake(1_000);
    await idle.limiter.take(100);
    expect(idle.slept).toEqual([]);
  });
});
