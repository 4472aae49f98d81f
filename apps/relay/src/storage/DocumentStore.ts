/**
 * @module DocumentStore
 * Yjs updates per document in SQLite. Rows are appended as they arrive (write before
 * broadcast) and merged into one row per doc by compaction, which rebuilds the doc with gc
 * off and therefore never drops deleted content (history needs it).
 */
import { rebuildState } from "../sync/update-check.ts";
import type { Db } from "./open-database.ts";

export interface StoredUpdates {
  updates: Uint8Array[];
  bytes: number;
  /** Highest row seq read (0 when there are no rows). */
  maxSeq: number;
}

export class DocumentStore {
  private readonly insertStmt;
  private readonly loadStmt;
  private readonly countStmt;
  private readonly countUpToStmt;
  private readonly insertWithSeqStmt;
  private readonly deleteUpToStmt;
  private readonly quarantineStmt;
  private readonly isQuarantinedStmt;
  private readonly appendMany;
  /** Built once: better-sqlite3 wraps a function per `db.transaction` call. */
  private readonly runInTransaction;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, Uint8Array]>("INSERT INTO updates (doc, data) VALUES (?, ?)");
    this.loadStmt = db.prepare<[string], { seq: number; data: Buffer }>("SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq");
    this.countUpToStmt = db.prepare<[string, number], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND seq <= ?");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ?");
    this.insertWithSeqStmt = db.prepare<[number, string, Uint8Array]>("INSERT INTO updates (seq, doc, data) VALUES (?, ?, ?)");
    this.deleteUpToStmt = db.prepare<[string, number]>("DELETE FROM updates WHERE doc = ? AND seq <= ?");
    this.quarantineStmt = db.prepare<[string, string, number]>(
      "INSERT OR REPLACE INTO quarantined_docs (doc, reason, at) VALUES (?, ?, ?)",
    );
    this.isQuarantinedStmt = db.prepare<[string], { reason: string }>("SELECT reason FROM quarantined_docs WHERE doc = ?");
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
    this.appendMany = db.transaction((doc: string, updates: readonly Uint8Array[]) => {
      for (const update of updates) this.insertStmt.run(doc, update);
    });
  }

  /** All stored updates of `doc`, oldest first. */
  load(doc: string): StoredUpdates {
    const updates: Uint8Array[] = [];
    let bytes = 0;
    let maxSeq = 0;
    for (const row of this.loadStmt.iterate(doc)) {
      const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      updates.push(data);
      bytes += data.byteLength;
      maxSeq = row.seq;
    }
    return { updates, bytes, maxSeq };
  }

  /** Appends updates atomically (all or nothing). Throws on storage errors (e.g. SQLITE_FULL). */
  append(doc: string, updates: readonly Uint8Array[]): void {
    this.appendMany(doc, updates);
  }

  /** Runs `fn` inside a transaction: the write and what depends on it commit together. */
  transaction<T>(fn: () => T): T {
    return this.runInTransaction(fn) as T;
  }

  count(doc: string): number {
    return this.countStmt.get(doc)?.n ?? 0;
  }

  /**
   * Merges every stored row of `doc` into one, synchronously. Returns the number of rows
   * merged (0 when there was nothing to do). See also {@link replaceUpTo} for merging
   * off the main thread.
   */
  compact(doc: string): number {
    const { updates, maxSeq } = this.load(doc);
    if (updates.length <= 1) return 0;
    return this.replaceUpTo(doc, maxSeq, updates.length, rebuildState(updates)) ? updates.length : 0;
  }

  /**
   * Replaces the rows of `doc` with seq ≤ `maxSeq` by `merged`, in one transaction, if they
   * are still the `expectedRows` rows the merge was computed from. Rows appended after the
   * read (seq > maxSeq) are kept. Returns false (and changes nothing) if the rows changed.
   */
  replaceUpTo(doc: string, maxSeq: number, expectedRows: number, merged: Uint8Array): boolean {
    return this.db.transaction(() => {
      if ((this.countUpToStmt.get(doc, maxSeq)?.n ?? 0) !== expectedRows) return false;
      this.deleteUpToStmt.run(doc, maxSeq);
      // Appended under a seq below every newer row's, so the stored order stays meaningful.
      this.insertWithSeqStmt.run(maxSeq, doc, merged);
      return true;
    })();
  }

  /** Marks `doc` as not loadable: it is never served (4500) until an operator repairs it. */
  quarantine(doc: string, reason: string): void {
    this.quarantineStmt.run(doc, reason.slice(0, 500), Date.now());
  }

  quarantineReason(doc: string): string | null {
    return this.isQuarantinedStmt.get(doc)?.reason ?? null;
  }
}
