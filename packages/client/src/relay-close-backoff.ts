/**
 * @module relay-close-backoff
 * Which relay closes the next attempt would meet again at once: a full relay disk (4507) or
 * a used-up storage quota (4532) refuses the same unsaved change on every reconnect. These
 * are 45xx, so y-websocket reconnects, and it resets its backoff as soon as the relay's sync
 * reply arrives (before the refusal), which made such a doc reconnect every ~200 ms for as
 * long as the quota stayed full. After these codes the provider waits its longest backoff
 * (WEB_LIMITS.maxReconnectBackoffMs) instead.
 */
import { CloseCode } from "@quire/core";

// 4530 (security S1): the user's CPU bucket refills with time, not by reconnecting.
const REPEATING: ReadonlySet<number> = new Set([CloseCode.StorageFull, CloseCode.QuotaExceeded, CloseCode.CpuBudgetExceeded]);

/** y-websocket's backoff is 2^attempts × 100 ms, capped: this many attempts reach the cap. */
export const ATTEMPTS_FOR_LONGEST_BACKOFF = 32;

/** True when reconnecting right away would only be refused again. */
export function refusalRepeats(code: number): boolean {
  return REPEATING.has(code);
}
