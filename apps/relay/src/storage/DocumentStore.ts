/**
 * @module DocumentStore
 * Yjs updates per document in SQLite. Rows are appended as they arrive (write before
 * broadcast) and merged into one row per doc by {@link DocumentStore.compact}, which uses
 * Y.mergeUpdates and therefore never drops deleted content (history needs it).
 */
import * as Y from "yjs";
import type { Db } from "./open-database.ts";

export interface StoredUpdates {
  updates: Uint8Array[];
  bytes: number;
}

export class DocumentStore {
  private readonly insertStmt;
  private readonly loadStmt;
  private readonly countStmt;
  private readonly maxSeqStmt;
  private readonly deleteUpToStmt;
  private readonly quarantineStmt;
  private readonly isQuarantinedStmt;
  private readonly appendMany;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, Uint8Array]>("INSERT INTO updates (doc, data) VALUES (?, ?)");
    this.loadStmt = db.prepare<[string], { data: Buffer }>("SELECT data FROM updates WHERE doc = ? ORDER BY seq");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ?");
    this.maxSeqStmt = db.prepare<[string], { s: number | null }>("SELECT MAX(seq) AS s FROM updates WHERE doc = ?");
    this.deleteUpToStmt = db.prepare<[string, number]>("DELETE FROM updates WHERE doc = ? AND seq <= ?");
    this.quarantineStmt = db.prepare<[string, string, number]>(
      "INSERT OR REPLACE INTO quarantined_docs (doc, reason, at) VALUES (?, ?, ?)",
    );
    this.isQuarantinedStmt = db.prepare<[string], { reason: string }>("SELECT reason FROM quarantined_docs WHERE doc = ?");
    this.appendMany = db.transaction((doc: string, updates: readonly Uint8Array[]) => {
      for (const update of updates) this.insertStmt.run(doc, update);
    });
  }

  /** All stored updates of `doc`, oldest first. */
  load(doc: string): StoredUpdates {
    const updates: Uint8Array[] = [];
    let bytes = 0;
    for (const row of this.loadStmt.iterate(doc)) {
      const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      updates.push(data);
      bytes += data.byteLength;
    }
    return { updates, bytes };
  }

  /** Appends updates atomically (all or nothing). Throws on storage errors (e.g. SQLITE_FULL). */
  append(doc: string, updates: readonly Uint8Array[]): void {
    this.appendMany(doc, updates);
  }

  /** Runs `fn` inside a transaction: the write and what depends on it commit together. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  count(doc: string): number {
    return this.countStmt.get(doc)?.n ?? 0;
  }

  /**
   * Merges every stored row of `doc` into one. Safe to run while clients keep writing:
   * only rows up to the max seq read are replaced, in one transaction.
   * Returns the number of rows merged (0 when there was nothing to do).
   */
  compact(doc: string): number {
    return this.db.transaction(() => {
      const maxSeq = this.maxSeqStmt.get(doc)?.s;
      if (maxSeq === null || maxSeq === undefined) return 0;
      const { updates } = this.load(doc);
      if (updates.length <= 1) return 0;
      const merged = Y.mergeUpdates(updates);
      this.deleteUpToStmt.run(doc, maxSeq);
      this.insertStmt.run(doc, merged);
      return updates.length;
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
