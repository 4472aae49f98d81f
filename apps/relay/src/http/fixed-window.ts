/**
 * @module fixed-window
 * Counts events per key in fixed one-minute windows: the rate limits of the HTTP API (per
 * address, per join code, and one global key). Memory is bounded: once more than `maxKeys`
 * windows exist, the stale ones are dropped before a new one is added, and if all are live
 * the oldest go — a flood of fresh keys cannot grow the map without bound.
 */

export const WINDOW_MS = 60_000;

export class FixedWindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Events counted for `key` in its current window. */
  count(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    return window && now - window.start < WINDOW_MS ? window.count : 0;
  }

  /** True once `key` has used its budget in the current window. */
  exhausted(key: string, now = Date.now()): boolean {
    return this.count(key, now) >= this.perWindow;
  }

  /** Seconds until `key`'s window ends (for Retry-After), at least 1. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    return window ? Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) : 1;
  }

  /** Counts one event for `key`; returns the count in the current window. */
  add(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (!window && this.windows.size >= this.maxKeys) this.evict(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count;
  }

  private evict(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
    // Every window is live (a flood of new keys): drop the oldest, insertion order is age order.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
