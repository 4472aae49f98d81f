/**
 * @module DocumentStore
 * Yjs updates per document in SQLite. Live updates are group-committed: staged as they
 * arrive and written in one transaction per event-loop turn (setImmediate), after which each
 * staging room is told and only then broadcasts and acknowledges (write before broadcast).
 * One transaction per update cost 160–200 µs; a turn's batch costs ~12 µs per update
 * (bench/FINDINGS.md F1). Rows are merged into one row per doc by compaction, which rebuilds
 * the doc with gc off and therefore never drops deleted content (history needs it).
 *
 * Every read of the rows first writes what is staged, so a reload or a compaction never
 * misses an update that was accepted in this turn.
 *
 * Every transaction that adds or replaces rows also books their bytes in StorageUsage (per
 * doc and writer), so usage and quotas never need a scan of the rows.
 */
import { createHash } from "node:crypto";
import { log } from "../log.ts";
import { rebuildState } from "../sync/update-check.ts";
import type { Db } from "./open-database.ts";
import { type Charge, StorageUsage } from "./StorageUsage.ts";

export interface StoredUpdates {
  updates: Uint8Array[];
  bytes: number;
  /** Highest row seq read (0 when there are no rows). */
  maxSeq: number;
  /**
   * Every row is one this relay checked before writing it (a live update that passed
   * checkUpdate and applied to the room's doc, or a merge of such rows) and is unchanged
   * since (its checksum matches): applied in order, the rows rebuild the doc without being
   * checked again.
   */
  verified: boolean;
}

/** Told once the turn's batch holding its staged rows committed, or failed (nothing written). */
export interface CommitListener {
  committed(): void;
  failed(error: unknown): void;
}

interface Staged {
  doc: string;
  update: Uint8Array;
  listener: CommitListener;
  /** Token `sub` of the socket that sent it ("" when unknown). */
  writer: string;
}

export class DocumentStore {
  private staged: Staged[] = [];
  private flushScheduled = false;
  private readonly insertStmt;
  private readonly insertCheckedStmt;
  private readonly loadStmt;
  private readonly countStmt;
  private readonly countUpToStmt;
  private readonly insertWithSeqStmt;
  private readonly deleteUpToStmt;
  private readonly quarantineStmt;
  private readonly isQuarantinedStmt;
  private readonly appendMany;
  private readonly appendStaged;
  private readonly rowBytesUpToStmt;

  constructor(
    private readonly db: Db,
    /** Stored bytes per doc and writer, and the quotas on them. */
    readonly usage: StorageUsage = new StorageUsage(db),
  ) {
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
    this.rowBytesUpToStmt = db.prepare<[string, number], { n: number }>(
      "SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc = ? AND seq <= ?",
    );
    this.appendMany = db.transaction((doc: string, updates: readonly Uint8Array[], charges: readonly Charge[]) => {
      for (const update of updates) this.insertStmt.run(doc, update);
      this.usage.persist(charges);
    });
    this.appendStaged = db.transaction((batch: readonly Staged[], charges: readonly Charge[]) => {
      for (const { doc, update } of batch) this.insertCheckedStmt.run(doc, update, checksumOf(update));
      this.usage.persist(charges);
    });
  }

  /**
   * Queues `update` for `doc` — an update the caller checked and applied to the doc, so it is
   * stored as verified; it is written with everything else staged in this turn, then
   * `listener` learns the outcome (once per flush, however many rows it staged). Its bytes
   * count against `writer`'s quotas from now on; check {@link quotaRefusal} first.
   */
  stage(doc: string, update: Uint8Array, listener: CommitListener, writer = ""): void {
    this.staged.push({ doc, update, listener, writer });
    this.usage.reserve({ doc, writer, bytes: update.byteLength });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Why `writer` may not store `bytes` more in `doc` (its quota is used up), or null. */
  quotaRefusal(doc: string, writer: string, bytes: number): string | null {
    return this.usage.refusal(doc, writer, bytes);
  }

  get hasStaged(): boolean {
    return this.staged.length > 0;
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
      this.appendStaged(batch, charges);
      this.usage.settle(charges, true);
    } catch {
      this.usage.settle(charges, false);
      for (const listener of listeners) {
        const rows = batch.filter((s) => s.listener === listener);
        const own = chargesOf(rows);
        try {
          this.appendStaged(rows, own);
          this.usage.applied(own);
        } catch (error) {
          listeners.delete(listener);
          notify(() => listener.failed(error));
        }
      }
    }
    for (const listener of listeners) notify(() => listener.committed());
  }

  /** All stored updates of `doc`, oldest first. */
  load(doc: string): StoredUpdates {
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

  /**
   * Appends updates atomically (all or nothing), unverified: they are checked when loaded.
   * Throws on storage errors (e.g. SQLITE_FULL).
   */
  append(doc: string, updates: readonly Uint8Array[]): void {
    const charges = [{ doc, writer: "", bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) }];
    this.appendMany(doc, updates, charges);
    this.usage.applied(charges);
  }

  count(doc: string): number {
    this.flush();
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
   * Replaces the rows of `doc` with seq ≤ `maxSeq` by `merged` — which the caller rebuilt
   * from those rows, so it is recorded as verified — in one transaction, if they
   * are still the `expectedRows` rows the merge was computed from. Rows appended after the
   * read (seq > maxSeq) are kept. Returns false (and changes nothing) if the rows changed.
   */
  replaceUpTo(doc: string, maxSeq: number, expectedRows: number, merged: Uint8Array): boolean {
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
   * Returns the pages freed by compactions to the file system (auto_vacuum = INCREMENTAL).
   * Cheap when nothing is free; a no-op on a database created without auto_vacuum.
   */
  releaseFreePages(): void {
    this.db.pragma("incremental_vacuum");
  }

  /** Marks `doc` as not loadable: it is never served (4500) until an operator repairs it. */
  quarantine(doc: string, reason: string): void {
    this.quarantineStmt.run(doc, reason.slice(0, 500), Date.now());
  }

  quarantineReason(doc: string): string | null {
    return this.isQuarantinedStmt.get(doc)?.reason ?? null;
  }
}

/**
 * Runs a listener from the flush (a setImmediate): one room's failure must not skip the
 * other rooms' broadcasts or end the process.
 */
function notify(call: () => void): void {
  try {
    call();
  } catch (error) {
    log.error("commit listener failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

/** The bytes each writer adds to each doc in `batch`, one charge per (doc, writer). */
function chargesOf(batch: readonly Staged[]): Charge[] {
  const byKey = new Map<string, Charge>();
  for (const { doc, writer, update } of batch) {
    const key = `${doc}\n${writer}`;
    const charge = byKey.get(key);
    if (charge) charge.bytes += update.byteLength;
    else byKey.set(key, { doc, writer, bytes: update.byteLength });
  }
  return [...byKey.values()];
}

function checksumOf(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}
