/**
 * @module Compactor
 * Background compaction: replaces a doc's stored rows by one row holding the doc rebuilt
 * from them (rebuildState: applied one by one, gc off, so deleted content and history stay).
 *
 * All of it runs in the compaction worker, through the worker's own SQLite connection
 * (@quire/storage-sqlite MaintenanceConnection): reading the rows, the merge, the replace
 * transaction, then (a job of its own, so the usage totals follow the replace at once) the
 * incremental vacuum and a WAL checkpoint. On the event
 * loop they stalled every socket of the relay for 10–27 ms of CPU per compaction (issue 17,
 * bench/FINDINGS.md F9); the merge alone can be quadratic even for a small doc (two 80 KiB
 * rows: ~8 s, security review S1), hence the worker's budget.
 *
 * Invariants (MaintenanceConnection has the transaction-level ones):
 * - Writes that arrive meanwhile are kept (only the rows read are replaced), and the replace
 *   is skipped if those rows changed. Provenance records and checkpoints are never touched.
 * - A failure (bad row, worker crash or timeout, SQLite error) is logged, changes nothing on
 *   disk, and the doc is not tried again for `retryMs` (the room retries on a later commit).
 */
import { log } from "../log.ts";
import type { StorageUsage } from "@quire/storage-sqlite";
import type { DecodeWorker } from "../sync/DecodeWorker.ts";

export interface CompactorOptions {
  /** The database file the worker opens its own connection to. */
  databaseFile: string;
  /** The worker's budget for one compaction (read, merge, replace, vacuum). */
  budgetMs: number;
  /** After a failure, the same doc is not tried again for this long. */
  retryMs: number;
}

export class Compactor {
  private readonly inFlight = new Set<string>();
  /** Docs whose last compaction failed, and when. */
  private readonly failedAt = new Map<string, number>();

  constructor(
    /** The main connection's usage totals: the worker's committed charges are added there. */
    private readonly usage: StorageUsage,
    private readonly worker: DecodeWorker,
    private readonly options: CompactorOptions,
  ) {}

  /** False while `doc` is compacting or waits out the retry delay after a failure. */
  willTry(doc: string): boolean {
    if (this.inFlight.has(doc)) return false;
    const failed = this.failedAt.get(doc);
    return failed === undefined || Date.now() - failed >= this.options.retryMs;
  }

  /** Merges `doc`'s rows; resolves with the number of rows merged (0: nothing done). Never rejects. */
  async compact(doc: string): Promise<number> {
    if (!this.willTry(doc)) return 0;
    this.inFlight.add(doc);
    try {
      const result = await this.worker.compactStored(this.options.databaseFile, doc, this.options.budgetMs);
      this.failedAt.delete(doc);
      if (result.rows === 0) return 0;
      // At once: the totals must follow the rows that just committed (quotas, /api usage).
      this.usage.applied(result.usage);
      log.debug("compacted", { doc, rows: result.rows, bytesBefore: result.bytesBefore, bytesAfter: result.bytesAfter });
      // Freed pages go back afterwards, in the worker too; failing that only costs disk space.
      this.worker.vacuum(this.options.databaseFile, this.options.budgetMs).catch((error: unknown) => {
        log.warn("returning freed pages failed", { error: error instanceof Error ? error.message : String(error) });
      });
      return result.rows;
    } catch (error) {
      this.failedAt.set(doc, Date.now());
      log.error("compaction failed; rows kept, retried later", { doc, error: error instanceof Error ? error.message : String(error), retryMs: this.options.retryMs });
      return 0;
    } finally {
      this.inFlight.delete(doc);
    }
  }
}
