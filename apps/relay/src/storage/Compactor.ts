/**
 * @module Compactor
 * Background compaction: replaces a doc's stored rows by one row holding the doc rebuilt
 * from them (rebuildState: applied one by one, gc off, so deleted content and history stay).
 * Always in a worker thread under a budget, never on the main thread: applying rows one by
 * one can be quadratic even for a small doc (two 80 KiB rows: ~8 s, security review S1).
 * Writes that arrive meanwhile are kept (only the rows read are replaced), and the replace is
 * skipped if those rows changed. Works through the storage port: provenance records and
 * checkpoints are never touched, so the timeline survives (issue 11, item 4).
 */
import { log } from "../log.ts";
import type { StoragePort } from "@quire/storage";
import type { DecodeWorker } from "../sync/DecodeWorker.ts";

/** A port whose adapter can give freed space back after a compaction (SQLite: incremental vacuum). */
type CompactableStore = StoragePort & { releaseFreePages?(): void };

export interface CompactorOptions {
  /** Budget for rebuilding `rows` rows of `bytes` in the worker. */
  budgetFor(bytes: number, rows: number): number;
}

export class Compactor {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: CompactableStore,
    private readonly decoder: DecodeWorker,
    private readonly options: CompactorOptions,
  ) {}

  /** Merges `doc`'s rows; resolves with the number of rows merged (0: nothing done). Never rejects. */
  async compact(doc: string): Promise<number> {
    if (this.inFlight.has(doc)) return 0;
    this.inFlight.add(doc);
    try {
      const { updates, bytes, maxSeq } = await this.store.load(doc);
      if (updates.length <= 1) return 0;
      const merged = await this.decoder.merge(updates, this.options.budgetFor(bytes, updates.length));
      if (!(await this.store.replacePrefix(doc, maxSeq, updates.length, merged))) return 0;
      this.store.releaseFreePages?.();
      log.debug("compacted", { doc, rows: updates.length, bytesBefore: bytes, bytesAfter: merged.byteLength });
      return updates.length;
    } catch (error) {
      log.error("compaction failed", { doc, error: String(error) });
      return 0;
    } finally {
      this.inFlight.delete(doc);
    }
  }
}
