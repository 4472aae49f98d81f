/**
 * @module rate-limit
 * Fixed-window per-IP request counter for POST /api/*: join codes must not be guessable by
 * brute force, and workspace creation must not fill the disk.
 */
import type { MiddlewareHandler } from "hono";
import { apiError } from "./api-error.ts";
import { clientIp } from "./client-ip.ts";

const WINDOW_MS = 60_000;

export function rateLimit(perMinute: number): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = Date.now();
    const ip = clientIp(c);
    let window = windows.get(ip);
    if (!window || now - window.start >= WINDOW_MS) {
      // Forget stale windows so the map cannot grow with every address ever seen.
      if (windows.size > 10_000) for (const [key, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(key);
      window = { start: now, count: 0 };
      windows.set(ip, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      c.header("Retry-After", String(Math.ceil((window.start + WINDOW_MS - now) / 1000)));
      return apiError(c, 429, "rate_limited", `too many requests: at most ${perMinute} per minute per address`);
    }
    await next();
  };
}
