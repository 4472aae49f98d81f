import { afterEach, describe, expect, it, vi } from "vitest";
import { UnloadTimer } from "./UnloadTimer.ts";

afterEach(() => vi.useRealTimers());

describe("UnloadTimer", () => {
  it("unloads delayMs after the room became idle, not while a hold is out, and re-arms on release", () => {
    vi.useFakeTimers();
    let idle = true;
    let unloads = 0;
    const timer = new UnloadTimer(1_000, () => idle, () => unloads++);
    timer.arm();
    const release = timer.hold();
    vi.advanceTimersByTime(5_000);
    expect(unloads).toBe(0);
    timer.arm(); // a socket left meanwhile: still held
    vi.advanceTimersByTime(5_000);
    expect(unloads).toBe(0);
    release();
    release(); // twice does not release another hold
    vi.advanceTimersByTime(999);
    expect(unloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(unloads).toBe(1);

    // A socket that joined before the timer fired keeps the room.
    timer.arm();
    idle = false;
    vi.advanceTimersByTime(1_000);
    expect(unloads).toBe(1);
    const a = timer.hold();
    const b = timer.hold();
    idle = true;
    a();
    vi.advanceTimersByTime(2_000);
    expect(unloads).toBe(1);
    b();
    vi.advanceTimersByTime(1_000);
    expect(unloads).toBe(2);
  });
});
