/**
 * @module IntegrationGuard
 * Bounds what one update, and one user, may cost the relay's main thread (security review S1).
 *
 * Integrating a valid Yjs update into a doc can be quadratic: Item.integrate's conflict scan
 * walks every concurrent item at the insert position, so two 80 KiB updates of 8,000 inserts
 * at position 0 took ~8 s one after the other, and every room of the relay froze meanwhile.
 * A check against an empty scratch doc cannot see it; only the live state does.
 *
 * Invariants:
 * - An update with more than TRIAL_ABOVE_STRUCTS structs (anything bigger than a keystroke),
 *   or one the handler already defers to the worker (large, formatting-heavy), is integrated
 *   first into a copy of the live state in the decode worker. Past INTEGRATE_BUDGET_MS (+100
 *   ms per MiB) it is refused with 4413 before it touches the live doc. Keystrokes stay on the
 *   inline fast path.
 * - Every commit's main-thread time is charged to its sender's user (token `sub`) in a token
 *   bucket of CPU_BUDGET_MS per CPU_BUDGET_WINDOW_MS. A user past it is closed with 4530
 *   (transient): many small updates that are each cheap but add up (a keystroke into a doc
 *   with 100,000 concurrent items costs ~45 ms) cannot hold the main thread. What was
 *   accepted is saved; reconnecting does not refill the bucket, time does.
 */
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { type RelayLimits, mergeBudgetMs } from "../config.ts";
import type { Connection } from "./Connection.ts";
import { type DecodeWorker, DecodeTimeoutError } from "./DecodeWorker.ts";
import type { DocumentRoom } from "./DocumentRoom.ts";
import type { FormatMarkLimits, UpdateCheck } from "./update-check.ts";

export type IntegrationLimits = Pick<
  RelayLimits,
  "decodeBudgetMs" | "trialAboveStructs" | "integrateBudgetMs" | "cpuBudgetMs" | "cpuBudgetWindowMs"
>;

/** A refusal with its own close code (the handler's default is 4400). */
export class UpdateRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A trial over budget by less than this factor is timed once more before it is refused. */
const RETRY_BELOW_OVERRUN = 10;

/** Users tracked before full (refilled) buckets are swept: bounds the map under churn. */
const SWEEP_ABOVE_USERS = 1_000;

interface Bucket {
  /** Milliseconds of main-thread time left. */
  tokens: number;
  /** performance.now() of the last refill. */
  at: number;
}

export class IntegrationGuard {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: IntegrationLimits) {}

  /** Updates with more structs than this are trialled in the worker. */
  get trialAboveStructs(): number {
    return this.limits.trialAboveStructs;
  }

  /**
   * Allowed integration time for an update of `bytes`: INTEGRATE_BUDGET_MS plus 100 ms per
   * started MiB (so at least 200 ms by default). Large honest updates (an offline week's sync
   * step 2) integrate in near-linear time, so they get more; a quadratic shape overruns it by
   * orders of magnitude (8 s for 80 KiB).
   */
  budgetMs(bytes: number): number {
    return this.limits.integrateBudgetMs + Math.ceil(bytes / (1024 * 1024)) * 100;
  }

  /**
   * Checks `update` and times its integration into the room's live state in the worker.
   * Resolves with the check (a failed check is returned, not thrown); throws UpdateRefusal
   * (4413) when the integration is over budget.
   */
  async trial(room: DocumentRoom, update: Uint8Array, marks: FormatMarkLimits, decoder: DecodeWorker): Promise<UpdateCheck> {
    // Linear in the doc (≈ 3 ms for 80 KiB, 45 ms for 1 MiB here); paid only for updates
    // bigger than a keystroke.
    const state = Y.encodeStateAsUpdate(room.doc);
    const budget = this.budgetMs(update.byteLength);
    // The worker's hard stop also covers decoding both and building the copy (linear).
    const hardStop = mergeBudgetMs(this.limits, state.byteLength + update.byteLength, 2) + budget;
    let result = await this.timed(decoder, update, state, hardStop, marks);
    // A fresh worker (after a timeout, or the first job) runs Yjs's formatting code cold: an
    // honest 156 KB formatted sync step 2 took 590 ms there and 90 ms once warm. Refusing is
    // permanent, so a near miss is timed again before it counts; a quadratic update overruns
    // by far more (80x) and is refused at once.
    if (result.integrateMs !== null && result.integrateMs > budget && result.integrateMs < RETRY_BELOW_OVERRUN * budget) {
      const again = await this.timed(decoder, update, state, hardStop, marks);
      if (again.integrateMs !== null && again.integrateMs < result.integrateMs) result = again;
    }
    if (result.integrateMs !== null && result.integrateMs > budget) {
      throw new UpdateRefusal(
        CloseCode.UpdateTooExpensive,
        `update too expensive to integrate: ${Math.round(result.integrateMs)} ms into this document (budget ${budget} ms)`,
      );
    }
    return result.check;
  }

  private async timed(decoder: DecodeWorker, update: Uint8Array, state: Uint8Array, hardStop: number, marks: FormatMarkLimits) {
    try {
      return await decoder.trial(update, state, hardStop, marks);
    } catch (error) {
      if (!(error instanceof DecodeTimeoutError)) throw error;
      throw new UpdateRefusal(CloseCode.UpdateTooExpensive, `update too expensive to integrate (stopped after ${hardStop} ms)`);
    }
  }

  /**
   * Commits `update` on the main thread and charges the time to the sender's user; closes
   * the socket with 4530 once the user's budget is spent (the update itself is kept).
   */
  commit(room: DocumentRoom, connection: Connection, update: Uint8Array): void {
    const started = performance.now();
    room.commit(update, connection);
    const spent = performance.now() - started;
    if (!this.charge(connection.claims.sub, spent)) {
      connection.close(
        CloseCode.CpuBudgetExceeded,
        `CPU budget exceeded: your updates took more than ${this.limits.cpuBudgetMs} ms of relay time in ${this.limits.cpuBudgetWindowMs / 1000} s; reconnect later`,
      );
    }
  }

  /** Takes `ms` from `key`'s bucket; false when the bucket is empty. */
  charge(key: string, ms: number, now = performance.now()): boolean {
    const { cpuBudgetMs, cpuBudgetWindowMs } = this.limits;
    const bucket = this.buckets.get(key) ?? { tokens: cpuBudgetMs, at: now };
    bucket.tokens = Math.min(cpuBudgetMs, bucket.tokens + ((now - bucket.at) * cpuBudgetMs) / Math.max(1, cpuBudgetWindowMs));
    bucket.at = now;
    bucket.tokens -= ms;
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_ABOVE_USERS) this.sweep(now);
    return bucket.tokens > 0;
  }

  /** Forgets buckets that have refilled completely: they hold nothing a new one would not. */
  private sweep(now: number): void {
    const { cpuBudgetMs, cpuBudgetWindowMs } = this.limits;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * cpuBudgetMs) / Math.max(1, cpuBudgetWindowMs) >= cpuBudgetMs) this.buckets.delete(key);
    }
  }
}
