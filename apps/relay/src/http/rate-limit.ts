/**
 * @module rate-limit
 * Fixed-window per-IP request counter for POST /api/*: workspace creation must not fill the
 * disk and one address must not monopolise the API. Join-code guessing has its own, tighter
 * budgets (join-guard.ts).
 */
import type { MiddlewareHandler } from "hono";
import { apiError } from "./api-error.ts";
import { clientIp } from "./client-ip.ts";
import { FixedWindowCounter } from "./fixed-window.ts";

export function rateLimit(perMinute: number): MiddlewareHandler {
  const counter = new FixedWindowCounter(perMinute);
  return async (c, next) => {
    const ip = clientIp(c);
    if (counter.add(ip) > perMinute) {
      c.header("Retry-After", String(counter.retryAfterSeconds(ip)));
      return apiError(c, 429, "rate_limited", `too many requests: at most ${perMinute} per minute per address`);
    }
    await next();
  };
}
