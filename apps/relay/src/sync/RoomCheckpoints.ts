/**
 * @module RoomCheckpoints
 * When a loaded doc stores a checkpoint (a `Y.encodeSnapshot` through the storage port):
 * when an editing burst ends (no committed update for checkpointIdleMs, at most one per
 * checkpointMinIntervalMs), right after a device's offline work arrived (its catch-up; at most
 * one per checkpointCatchUpIntervalMs), and always when the doc compacts or unloads. History (issue 12)
 * starts from the nearest checkpoint instead of replaying the whole timeline.
 *
 * Invariants:
 * - Only after a commit: the snapshot never covers an update that is not on disk, and the
 *   port stamps it with the newest provenance record, which that commit wrote.
 * - No checkpoint when nothing was committed since the last one.
 * - A failed write is logged and forgotten: a missing checkpoint costs replay time, not data.
 */
import * as Y from "yjs";
import type { StoragePort } from "@quire/storage";
import type { RelayLimits } from "../config.ts";
import { log } from "../log.ts";

export type CheckpointLimits = Pick<RelayLimits, "checkpointIdleMs" | "checkpointMinIntervalMs" | "checkpointCatchUpIntervalMs">;

export class RoomCheckpoints {
  private dirty = false;
  private lastAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** A checkpoint after a catch-up is scheduled: later commits do not push it back. */
  private catchUpDue = false;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly store: StoragePort,
    private readonly limits: CheckpointLimits,
  ) {}

  /** Updates were committed: (re)start the wait for the end of the burst. */
  committed(): void {
    this.dirty = true;
    if (this.catchUpDue) return;
    this.schedule(this.limits.checkpointIdleMs);
  }

  /**
   * A connection's catch-up (work done offline) was committed: the state right after it is an
   * automatic version (issue 12). A class coming back from a network drop reconnects together:
   * one checkpoint for all their catch-ups within the interval, not one whole-doc walk each.
   */
  caughtUp(): void {
    this.dirty = true;
    const wait = this.lastAt + this.limits.checkpointCatchUpIntervalMs - Date.now();
    if (wait <= 0) this.takeNow();
    else if (!this.catchUpDue) {
      this.catchUpDue = true;
      this.schedule(wait, true);
    }
  }

  /**
   * Takes a checkpoint now if anything was committed since the last one (compaction, unload),
   * or anyway when `always` (history: the state just before a restore must be a version even if
   * the relay stopped before checkpointing the last records).
   */
  takeNow(always = false): void {
    this.clearTimer();
    this.catchUpDue = false;
    if (!this.dirty && !always) return;
    this.dirty = false;
    const at = Date.now();
    this.lastAt = at;
    const snapshot = Y.encodeSnapshot(Y.snapshot(this.doc));
    this.store.addCheckpoint(this.name, at, snapshot).catch((error: unknown) => {
      log.error("checkpoint write failed", { doc: this.name, error: error instanceof Error ? error.message : String(error) });
    });
  }

  /**
   * A compaction starts: a checkpoint unless one was taken within checkpointMinIntervalMs. A
   * long doc compacts every 500 updates; a checkpoint each time buried the teacher's timeline
   * (B4 replayed through the relay: 447 automatic versions, 2.6 MB of snapshots, a 122–382 ms
   * versions list). Nothing depends on one per compaction: rows merge, but gc is off and every
   * provenance record stays, so any state is still a version.
   */
  takeIfDue(): void {
    if (Date.now() - this.lastAt >= this.limits.checkpointMinIntervalMs) this.takeNow();
  }

  dispose(): void {
    this.clearTimer();
  }

  private schedule(delayMs: number, catchUp = false): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      const interval = catchUp ? this.limits.checkpointCatchUpIntervalMs : this.limits.checkpointMinIntervalMs;
      const wait = this.lastAt + interval - Date.now();
      if (wait > 0) this.schedule(wait, catchUp);
      else this.takeNow();
    }, delayMs);
    // A pending checkpoint never keeps the relay process alive.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
