/**
 * @module WalCheckpointer
 * Copies the WAL into the database file from the compaction worker's own connection every
 * `walCheckpointMs` (PASSIVE: never blocks the main connection's commits). The main
 * connection is opened with automatic checkpoints off: SQLite's default ran the checkpoint
 * and its fsync inside the group commit that took the WAL past 1,000 pages, on the event
 * loop (issue 17, bench/FINDINGS.md F9).
 *
 * Invariants:
 * - At most one checkpoint job is queued or running.
 * - If the worker fails a checkpoint (crash, timeout, SQLite error), the failure is logged
 *   and this one checkpoint runs on the main connection instead: a stall now and then is
 *   better than a WAL that grows without bound. A checkpoint never loses data either way.
 */
import type { Db } from "@quire/storage-sqlite";
import { log } from "../log.ts";
import type { DecodeWorker } from "../sync/DecodeWorker.ts";

/** A checkpoint of a few MiB of WAL takes milliseconds; 30 s means the worker is stuck. */
const CHECKPOINT_BUDGET_MS = 30_000;

export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly worker: DecodeWorker,
    private readonly databaseFile: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer || this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.checkpoint(), this.intervalMs);
    // Never keeps the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One checkpoint from the worker (on the main connection if that fails). Never rejects. */
  async checkpoint(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.worker.checkpoint(this.databaseFile, CHECKPOINT_BUDGET_MS);
    } catch (error) {
      log.warn("WAL checkpoint in the worker failed; checkpointing on the main thread", { error: error instanceof Error ? error.message : String(error) });
      try {
        if (this.timer) this.db.pragma("wal_checkpoint(PASSIVE)");
      } catch (mainError) {
        log.error("WAL checkpoint failed", { error: mainError instanceof Error ? mainError.message : String(mainError) });
      }
    } finally {
      this.running = false;
    }
  }
}
