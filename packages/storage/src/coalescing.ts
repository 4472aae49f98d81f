/**
 * @module coalescing
 * When an adapter may fold an accepted update into the doc's newest provenance record instead
 * of writing a new one. Shared so every adapter keeps the same timeline granularity.
 *
 * A record stands for a run of one sender's consecutive updates (nobody else's update between
 * them, since only the doc's newest record is ever extended) whose first and last receive
 * times are at most COALESCE_WINDOW_MS apart. Its ranges are the exact union of the updates'
 * ranges, so "who wrote this character" stays exact; only *when within the window* is lost.
 */
import type { ClockRange } from "@quire/core";
import type { UpdateProvenance } from "./StoragePort.ts";

/**
 * 2 minutes. Typing sends an update per keystroke (5–30 a second): a record per update made
 * provenance 13x the stored doc on the B4 trace, a 5-s window still 2.4x, 60 s 0.31x, 120 s
 * 0.22x at one SQLite row per record (bench/src/provenance-size.ts; issue 12 wants ≤ 0.15);
 * @quire/storage-sqlite's deflated chunks of records bring 120 s to 0.115x. Ranges stay exact at any
 * window, so "who wrote this" and "what Ana changed" are unaffected; only *when within the
 * record* is lost, and two minutes is finer than what the history shows (sessions are
 * ≥ 10 minutes apart, checkpoints at most every 5 minutes; a checkpoint closes the record).
 */
export const COALESCE_WINDOW_MS = 120_000;

/**
 * Ranges one record may hold before the next update starts a new one. Extending a record
 * rewrites its ranges; without a cap, thousands of tiny deletes of scattered items sent
 * within the window would make every commit rewrite an ever longer record (quadratic). A
 * typing run is one insert range per client and a few delete ranges.
 */
export const MAX_RANGES_PER_RECORD = 256;

/** The parts of the doc's newest record that decide whether it can take one more update. */
export interface OpenRecord {
  userId: string;
  name: string;
  firstAt: number;
  lastAt: number;
  inserts: readonly ClockRange[];
  deletes: readonly ClockRange[];
  catchUp?: boolean;
}

export function canCoalesce(open: OpenRecord, next: UpdateProvenance, windowMs = COALESCE_WINDOW_MS): boolean {
  return (
    // Offline work that arrived as a catch-up is counted apart from live typing (issue 12).
    (open.catchUp ?? false) === (next.catchUp ?? false) &&
    open.userId === next.userId &&
    open.name === next.name &&
    next.at >= open.lastAt &&
    next.at - open.firstAt <= windowMs &&
    open.inserts.length + open.deletes.length + next.inserts.length + next.deletes.length <= MAX_RANGES_PER_RECORD
  );
}
