/**
 * @module DocumentStore
 * The SQLite adapter of the relay's storage port (@quire/storage `StoragePort`): Yjs updates
 * per document, their provenance (ProvenanceLog) and checkpoints. Live updates are
 * group-committed: staged as they arrive and written with their provenance in one transaction
 * per event-loop turn (setImmediate), after which each staging room is told and only then
 * broadcasts and acknowledges (write before broadcast). One transaction per update cost
 * 160–200 µs; a turn's batch costs ~12 µs per update (bench/FINDINGS.md F1). Rows are merged
 * into one row per doc by compaction, which rebuilds the doc with gc off and therefore never
 * drops deleted content; it leaves provenance and checkpoints alone (the timeline stays).
 *
 * Every read of the rows first writes what is staged, so a reload or a compaction never
 * misses an update that was accepted in this turn. better-sqlite3 is synchronous: the
 * Promise-returning methods do their work before they return and only wrap the result.
 *
 * Every transaction that adds or replaces rows also books their bytes in StorageUsage (per
 * doc and writer), so usage and quotas never need a scan of the rows.
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import type {
  CommitListener,
  NewVersion,
  ProvenanceQuery,
  StoragePort,
  StoredUpdates,
  StoredVersion,
  UpdateProvenance,
  VersionChange,
} from "@quire/storage";
import { type MergeRows, mergeRows } from "./merge-rows.ts";
import type { Db } from "./open-database.ts";
import { type PendingRecords, ProvenanceLog } from "./ProvenanceLog.ts";
import { checksumOf } from "./row-checksum.ts";
import { type Charge, StorageUsage } from "./StorageUsage.ts";
import { type StorageLogger, stderrLogger } from "./storage-logger.ts";
import { VersionStore } from "./VersionStore.ts";

export type { CommitListener, StoredUpdates } from "@quire/storage";

export interface DocumentStoreOptions {
  /** Span of one provenance record (default @quire/storage COALESCE_WINDOW_MS). */
  coalesceWindowMs?: number;
  /** Where a commit listener that threw is reported (default: a JSON line on stderr). */
  logger?: StorageLogger;
  /** The merge `compact()` uses (default `mergeRows`; the relay passes its checked rebuild). */
  merge?: MergeRows;
}

interface Staged {
  doc: string;
  update: Uint8Array;
  listener: CommitListener;
  provenance: UpdateProvenance;
  bytes: number;
}

export class DocumentStore implements StoragePort {
  private staged: Staged[] = [];
  private flushScheduled = false;
  private readonly provenanceLog: ProvenanceLog;
  private readonly versionStore: VersionStore;
  private readonly logger: StorageLogger;
  private readonly merge: MergeRows;
  private readonly insertStmt;
  private readonly insertCheckedStmt;
  private readonly loadStmt;
  private readonly countStmt;
  private readonly countUpToStmt;
  private readonly insertWithSeqStmt;
  private readonly deleteUpToStmt;
  private readonly quarantineStmt;
  private readonly isQuarantinedStmt;
  private readonly listDocsStmt;
  private readonly appendMany;
  private readonly appendStaged;
  private readonly rowBytesUpToStmt;

  constructor(
    private readonly db: Db,
    /** Stored bytes per doc and writer, and the quotas on them. */
    readonly usage: StorageUsage = new StorageUsage(db),
    options: DocumentStoreOptions = {},
  ) {
    this.logger = options.logger ?? stderrLogger;
    this.merge = options.merge ?? mergeRows;
    this.provenanceLog = new ProvenanceLog(db, options.coalesceWindowMs);
    this.versionStore = new VersionStore(db);
    this.insertStmt = db.prepare<[string, Uint8Array]>("INSERT INTO updates (doc, data) VALUES (?, ?)");
    this.insertCheckedStmt = db.prepare<[string, Uint8Array, Buffer]>("INSERT INTO updates (doc, data, checksum) VALUES (?, ?, ?)");
    this.loadStmt = db.prepare<[string], { seq: number; data: Buffer; checksum: Buffer | null }>(
      "SELECT seq, data, checksum FROM updates WHERE doc = ? ORDER BY seq",
    );
    this.countUpToStmt = db.prepare<[string, number], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND seq <= ?");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ?");
    this.insertWithSeqStmt = db.prepare<[number, string, Uint8Array, Buffer]>(
      "INSERT INTO updates (seq, doc, data, checksum) VALUES (?, ?, ?, ?)",
    );
    this.deleteUpToStmt = db.prepare<[string, number]>("DELETE FROM updates WHERE doc = ? AND seq <= ?");
    this.quarantineStmt = db.prepare<[string, string, number]>(
      "INSERT OR REPLACE INTO quarantined_docs (doc, reason, at) VALUES (?, ?, ?)",
    );
    this.isQuarantinedStmt = db.prepare<[string], { reason: string }>("SELECT reason FROM quarantined_docs WHERE doc = ?");
    this.listDocsStmt = db.prepare<[], { doc: string }>("SELECT DISTINCT doc FROM updates ORDER BY doc");
    this.rowBytesUpToStmt = db.prepare<[string, number], { n: number }>(
      "SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc = ? AND seq <= ?",
    );
    this.appendMany = db.transaction((doc: string, updates: readonly Uint8Array[], charges: readonly Charge[]) => {
      for (const update of updates) this.insertStmt.run(doc, update);
      this.usage.persist(charges);
    });
    this.appendStaged = db.transaction((batch: readonly Staged[], charges: readonly Charge[]): PendingRecords => {
      for (const { doc, update } of batch) this.insertCheckedStmt.run(doc, update, checksumOf(update));
      this.usage.persist(charges);
      return this.provenanceLog.stageBatch(batch);
    });
  }

  stage(doc: string, update: Uint8Array, provenance: UpdateProvenance, listener: CommitListener): void {
    this.staged.push({ doc, update, listener, provenance, bytes: update.byteLength });
    this.usage.reserve({ doc, writer: provenance.userId, bytes: update.byteLength });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  quotaRefusal(doc: string, writer: string, bytes: number): string | null {
    return this.usage.refusal(doc, writer, bytes);
  }

  get hasStaged(): boolean {
    return this.staged.length > 0;
  }

  /** Updates staged for the next group commit. */
  get stagedCount(): number {
    return this.staged.length;
  }

  /**
   * Writes everything staged, in one transaction. If that fails (SQLITE_FULL, I/O), each
   * listener's rows are retried in their own transaction, so one doc that no longer fits
   * does not fail the others. Never throws: failures go to the listeners.
   */
  flush(): void {
    this.flushScheduled = false;
    if (this.staged.length === 0) return;
    const batch = this.staged;
    this.staged = [];
    const listeners = new Set(batch.map((s) => s.listener));
    const charges = chargesOf(batch);
    try {
      this.provenanceLog.settle(this.appendStaged(batch, charges));
      this.usage.settle(charges, true);
    } catch {
      this.usage.settle(charges, false);
      for (const listener of listeners) {
        const rows = batch.filter((s) => s.listener === listener);
        const own = chargesOf(rows);
        try {
          this.provenanceLog.settle(this.appendStaged(rows, own));
          this.usage.applied(own);
        } catch (error) {
          listeners.delete(listener);
          this.notify(() => listener.failed(error));
        }
      }
    }
    for (const listener of listeners) this.notify(() => listener.committed());
  }

  async load(doc: string): Promise<StoredUpdates> {
    return this.loadNow(doc);
  }

  async append(doc: string, updates: readonly Uint8Array[]): Promise<void> {
    const charges = [{ doc, writer: "", bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) }];
    this.appendMany(doc, updates, charges);
    this.usage.applied(charges);
  }

  /** Rows of `doc` (staged ones written first). */
  count(doc: string): number {
    this.flush();
    return this.countStmt.get(doc)?.n ?? 0;
  }

  /**
   * Merges every stored row of `doc` into one on this thread (tests and tools; the relay's
   * Compactor merges in a worker). Resolves with the number of rows merged (0: nothing done).
   */
  async compact(doc: string): Promise<number> {
    const { updates, maxSeq } = this.loadNow(doc);
    if (updates.length <= 1) return 0;
    return this.replaceNow(doc, maxSeq, updates.length, this.merge(updates)) ? updates.length : 0;
  }

  async replacePrefix(doc: string, maxSeq: number, expectedRows: number, merged: Uint8Array): Promise<boolean> {
    return this.replaceNow(doc, maxSeq, expectedRows, merged);
  }

  /**
   * Returns the pages freed by compactions to the file system (auto_vacuum = INCREMENTAL).
   * Cheap when nothing is free; a no-op on a database created without auto_vacuum.
   */
  releaseFreePages(): void {
    this.db.pragma("incremental_vacuum");
  }

  async quarantine(doc: string, reason: string): Promise<void> {
    this.quarantineStmt.run(doc, reason.slice(0, 500), Date.now());
  }

  async quarantineReason(doc: string): Promise<string | null> {
    return this.isQuarantinedStmt.get(doc)?.reason ?? null;
  }

  async listDocs(): Promise<string[]> {
    this.flush();
    return this.listDocsStmt.all().map((row) => row.doc);
  }

  async provenance(doc: string, query?: ProvenanceQuery): Promise<ProvenanceRecord[]> {
    this.flush();
    return this.provenanceLog.list(doc, query);
  }

  /**
   * Retention (docs/privacy.md): coarsens `doc`'s provenance records older than `cutoffAt` to
   * one per member per session (ProvenanceLog.coarsen). Returns how many records it removed.
   * Synchronous, one transaction per doc: a caller walks docs one per turn (`provenanceDocs`).
   */
  coarsenProvenance(doc: string, cutoffAt: number): number {
    this.flush();
    // Every version a person made stays exact, like every checkpoint.
    return this.provenanceLog.coarsenDoc(doc, cutoffAt, this.versionStore.list(doc).map((v) => v.seq));
  }

  /** Docs that have provenance records. */
  provenanceDocs(): string[] {
    this.flush();
    return this.provenanceLog.docs();
  }

  async addCheckpoint(doc: string, at: number, snapshot: Uint8Array): Promise<Checkpoint> {
    this.flush();
    return this.provenanceLog.addCheckpoint(doc, at, snapshot);
  }

  /** Snapshots are read on first access (a versions list needs only seq and time). */
  async checkpoints(doc: string): Promise<Checkpoint[]> {
    return this.provenanceLog.checkpointsLazily(doc);
  }

  async addVersion(doc: string, version: NewVersion): Promise<StoredVersion> {
    this.flush();
    return this.versionStore.add(doc, version, this.provenanceLog.newestSeq(doc));
  }

  async versions(doc: string): Promise<StoredVersion[]> {
    return this.versionStore.list(doc);
  }

  async handInUpdate(doc: string, id: string): Promise<Uint8Array | null> {
    return this.versionStore.handInUpdate(doc, id);
  }

  async renameVersion(doc: string, id: string, name: string): Promise<VersionChange> {
    return this.versionStore.rename(doc, id, name);
  }

  async deleteVersion(doc: string, id: string): Promise<VersionChange> {
    return this.versionStore.delete(doc, id);
  }

  private loadNow(doc: string): StoredUpdates {
    this.flush();
    const updates: Uint8Array[] = [];
    let bytes = 0;
    let maxSeq = 0;
    let verified = true;
    for (const row of this.loadStmt.iterate(doc)) {
      const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      updates.push(data);
      bytes += data.byteLength;
      maxSeq = row.seq;
      verified &&= row.checksum !== null && checksumOf(data).equals(row.checksum);
    }
    verified &&= updates.length > 0;
    return { updates, bytes, maxSeq, verified };
  }

  private replaceNow(doc: string, maxSeq: number, expectedRows: number, merged: Uint8Array): boolean {
    this.flush();
    const changes = this.db.transaction((): Charge[] | null => {
      if ((this.countUpToStmt.get(doc, maxSeq)?.n ?? 0) !== expectedRows) return null;
      const removedBytes = this.rowBytesUpToStmt.get(doc, maxSeq)?.n ?? 0;
      this.deleteUpToStmt.run(doc, maxSeq);
      // Appended under a seq below every newer row's, so the stored order stays meaningful.
      this.insertWithSeqStmt.run(maxSeq, doc, merged, checksumOf(merged));
      return this.usage.rescale(doc, removedBytes, merged.byteLength);
    })();
    if (changes === null) return false;
    this.usage.applied(changes);
    return true;
  }

  /**
   * Runs a listener from the flush (a setImmediate): one room's failure must not skip the
   * other rooms' broadcasts or end the process.
   */
  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error("commit listener failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}

/** The bytes each writer adds to each doc in `batch`, one charge per (doc, writer). */
function chargesOf(batch: readonly Staged[]): Charge[] {
  const byKey = new Map<string, Charge>();
  for (const { doc, provenance, bytes } of batch) {
    const writer = provenance.userId;
    const key = `${doc}\n${writer}`;
    const charge = byKey.get(key);
    if (charge) charge.bytes += bytes;
    else byKey.set(key, { doc, writer, bytes });
  }
  return [...byKey.values()];
}
