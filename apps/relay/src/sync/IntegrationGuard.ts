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
 *   one whose conflict scan in the live doc would pass SCAN_STEPS_INLINE steps (a keystroke
 *   into a doc crafted with many concurrent items at one position), or one the handler
 *   already defers to the worker (large, formatting-heavy), is integrated first into a copy
 *   of the live state in a worker thread. Past INTEGRATE_BUDGET_MS (+5 µs per struct) AND
 *   more than 10x its integration into an empty doc, or past 3x that budget on its own
 *   (timed twice), or into the worker's hard stop, it is refused with 4413 before it touches
 *   the live doc. Honest keystrokes stay on the inline fast path (their scan is 0 steps).
 * - Every commit's main-thread time, the encoding of the live state for a trial and the
 *   trial's worker time are charged to its sender's user (token `sub`) in a token
 *   bucket of CPU_BUDGET_MS per CPU_BUDGET_WINDOW_MS. A user past it is closed with 4530
 *   (transient): many small updates that are each cheap but add up (a keystroke into a doc
 *   with 100,000 concurrent items costs ~45 ms) cannot hold the main thread. What was
 *   accepted is saved; reconnecting does not refill the bucket, time does.
 */
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { type RelayLimits, mergeBudgetMs } from "../config.ts";
import { log } from "../log.ts";
import { costOf } from "./cpu-time.ts";
import type { Connection } from "./Connection.ts";
import { DecodeTimeoutError, DecodeWorker, type TrialResult } from "./DecodeWorker.ts";
import { conflictScanSteps } from "./conflict-scan.ts";
import type { RoomPort } from "./room-port.ts";
import type { DecodedStruct, FormatMarkLimits, UpdateCheck } from "./update-check.ts";
import type { AuthoredContent } from "./update-provenance.ts";

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

/**
 * Conflict-scan steps a small update may need to be integrated inline: walking 1,000 items
 * costs ~0.1 ms, while a one-character insert into 100,000 concurrent items costs ~45 ms.
 */
const SCAN_STEPS_INLINE = 1_000;

/**
 * Integration time allowed per struct on top of INTEGRATE_BUDGET_MS. Honest large updates are
 * near-linear: 100,000 structs in one update took 350 ms in a cold worker on this loaded
 * machine (3.5 µs each), so 5 µs keeps an offline sync step 2 from being refused for good;
 * the quadratic attack spends ~1 ms per struct.
 */
const BUDGET_US_PER_STRUCT = 5;

/**
 * How much slower than into an empty doc an update may integrate into the live state before
 * its overrun counts. Honest concurrent edits (two students' offline work on one paragraph)
 * make the live integration a few times slower at most; the S1 shape is ~4,000x.
 */
const LIVE_STATE_FACTOR = 10;

/**
 * An update the live state does not slow down may still be expensive on its own; it is
 * refused past this many times its budget (≥ 300 ms by default), so what the main thread
 * integrates after a trial stays bounded. An honest offline sync step 2 of 5,000 edits
 * (9,785 structs, budget 149 ms) took 107–219 ms here at load average 11: it passes.
 */
const SELF_COST_FACTOR = 3;

/** The worker's hard stop, in multiples of the size-scaled rebuild budget. */
const HARD_STOP_FACTOR = 3;

/** A commit that held the main thread this long is logged (warn). */
const SLOW_COMMIT_LOG_MS = 100;

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
  /**
   * Its own worker thread: trials never queue behind a slow load or a large decode in the
   * shared decode worker (a legacy doc's rebuild may take its full minute), nor the reverse.
   */
  private readonly worker: DecodeWorker;

  constructor(
    private readonly limits: IntegrationLimits,
    workerUrl: URL,
  ) {
    this.worker = new DecodeWorker(workerUrl, limits.decodeBudgetMs);
  }

  close(): Promise<void> {
    return this.worker.close();
  }

  /**
   * For checkUpdate: whether an update's structs must be trialled in the worker instead of
   * integrated inline into `room`'s doc (more structs than a keystroke, or a long scan).
   */
  needsTrial(room: Pick<RoomPort, "doc">): (structs: readonly DecodedStruct[]) => boolean {
    return (structs) =>
      structs.length > this.limits.trialAboveStructs || conflictScanSteps(room.doc, structs, SCAN_STEPS_INLINE) >= SCAN_STEPS_INLINE;
  }

  /**
   * Allowed integration time for an update of `structs`: large honest updates (an offline
   * week's sync step 2) integrate in near-linear time, so they get more; a quadratic shape
   * overruns it by orders of magnitude (8 s for 8,000 structs).
   */
  budgetMs(structs: number): number {
    return this.limits.integrateBudgetMs + Math.ceil((structs * BUDGET_US_PER_STRUCT) / 1000);
  }

  /**
   * Checks `update` and times its integration into the room's live state in the worker.
   * Resolves with the check (a failed check is returned, not thrown); throws UpdateRefusal
   * (4413) when the integration is over budget.
   */
  async trial(room: Pick<RoomPort, "doc">, connection: Connection, update: Uint8Array, marks: FormatMarkLimits): Promise<UpdateCheck> {
    // A user already over budget spends no more worker time. The charges below only deduct:
    // the socket is closed after its update is committed (see commit), so an honest large
    // update that overdraws the bucket is still saved and is not resent for ever.
    if (!this.charge(connection.claims.sub, 0)) throw new UpdateRefusal(CloseCode.CpuBudgetExceeded, this.overBudgetReason());
    // Linear in the doc (≈ 3 ms for 80 KiB, 45 ms for 1 MiB here); paid only for updates that
    // need a trial.
    let state: Uint8Array = new Uint8Array();
    const encodeCost = costOf(() => {
      state = Y.encodeStateAsUpdate(room.doc);
    });
    this.charge(connection.claims.sub, encodeCost);
    // The worker's hard stop covers the check, building the copy and the trial: three times
    // the budget for rebuilding that much data, so only a cost far beyond any honest update
    // (or a machine many times slower than measured) reaches it.
    const hardStop = HARD_STOP_FACTOR * mergeBudgetMs(this.limits, state.byteLength + update.byteLength, 2);
    let result = await this.timed(connection, update, state, hardStop, marks);
    if (!result.check.ok || result.integrateMs === null) return result.check;
    const budget = this.budgetMs(result.check.structs);
    // A fresh worker runs Yjs cold (an honest 156 KB formatted sync step 2: 590 ms cold, 90 ms
    // warm), so an update over its own-cost cap is timed once more before it counts.
    if (result.integrateMs > SELF_COST_FACTOR * budget) {
      const again = await this.timed(connection, update, state, hardStop, marks);
      if (again.integrateMs !== null && again.integrateMs < result.integrateMs) result = again;
    }
    const refusal = refusalOf(result, budget);
    if (refusal) throw new UpdateRefusal(CloseCode.UpdateTooExpensive, refusal);
    return result.check;
  }

  /** One trial in the worker; its time is charged to the sender (see trial). */
  private async timed(connection: Connection, update: Uint8Array, state: Uint8Array, hardStop: number, marks: FormatMarkLimits): Promise<TrialResult> {
    const started = performance.now();
    try {
      const result = await this.worker.trial(update, state, hardStop, marks);
      // The worker's time is the sender's too: one user cannot keep it busy for everyone
      // else's large updates.
      this.charge(connection.claims.sub, result.baselineMs + (result.integrateMs ?? 0));
      return result;
    } catch (error) {
      if (!(error instanceof DecodeTimeoutError)) throw error;
      this.charge(connection.claims.sub, performance.now() - started);
      throw new UpdateRefusal(CloseCode.UpdateTooExpensive, `update too expensive to integrate (stopped after ${hardStop} ms)`);
    }
  }

  /**
   * Commits `update` on the main thread and charges the time to the sender's user; closes
   * the socket with 4530 once the user's budget is spent (the update itself is kept).
   */
  commit(room: Pick<RoomPort, "name" | "commit" | "afterCommit">, connection: Connection, update: Uint8Array, authored: AuthoredContent): void {
    // What it cost, not how long it took: on a busy server the wall time is mostly waiting.
    const spent = costOf(() => room.commit(update, connection, authored));
    // Every room waited this long: worth an operator's attention (and the fuzzer's figures).
    if (spent >= SLOW_COMMIT_LOG_MS) log.warn("slow integration", { doc: room.name, conn: connection.id, ms: Math.round(spent), bytes: update.byteLength });
    if (!this.charge(connection.claims.sub, spent) && !connection.closed) {
      // The update is kept: close only once it is on disk and its ack has gone out (acks
      // follow the turn's afterCommit sends in the same synchronous block, hence the
      // setImmediate). Closing at once left an honest large upload — a device's first sync
      // of a big doc — saved but never acknowledged, so the client kept it "not saved".
      connection.closeWhen(CloseCode.CpuBudgetExceeded, this.overBudgetReason(), (close) => room.afterCommit(() => setImmediate(close)));
    }
  }

  private overBudgetReason(): string {
    return `CPU budget exceeded: your updates took more than ${this.limits.cpuBudgetMs} ms of relay time in ${this.limits.cpuBudgetWindowMs / 1000} s; reconnect later`;
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

/**
 * Why a timed update is refused, or null. Over budget counts when the live state made it slow:
 * integrating into the copy took more than LIVE_STATE_FACTOR times integrating into an empty
 * doc (the check, same worker, same moment) — a loaded machine slows both alike, so an honest
 * update is not refused for good because the machine was busy (an honest-shaped 100,000-struct
 * update took 1.4 s here at load average 17), while the S1 shape is 8 s against 2 ms. An
 * update expensive on its own is refused only past SELF_COST_FACTOR times its budget.
 */
function refusalOf(result: TrialResult, budget: number): string | null {
  const ms = result.integrateMs ?? 0;
  if (ms > budget && ms > LIVE_STATE_FACTOR * result.baselineMs) {
    return `update too expensive to integrate: ${Math.round(ms)} ms into this document (budget ${budget} ms)`;
  }
  if (ms > SELF_COST_FACTOR * budget) return `update too expensive to integrate: ${Math.round(ms)} ms (limit ${SELF_COST_FACTOR * budget} ms)`;
  return null;
}
