/**
 * @module MaintenanceConnection
 * A second connection to the relay's database for the work that must not run on the relay's
 * event loop (issue 17, bench/FINDINGS.md F9): compaction (read a doc's rows, merge, replace),
 * returning freed pages (incremental vacuum) and WAL checkpoints with their fsync. The relay
 * opens it inside a worker thread; WAL mode lets it read while the main connection writes.
 *
 * Invariants:
 * - Compaction replaces exactly the rows it read: the replace runs in one IMMEDIATE
 *   transaction that first checks that the doc still has `rows` rows up to the last seq read
 *   (the `expectedRows` guard of `DocumentStore.replacePrefix`). A row appended meanwhile has a
 *   higher seq and stays; anything else that changed those rows skips the replace. A crash at
 *   any point leaves either the old rows or the merged one, never both or neither.
 * - Storage usage is rescaled in the same transaction (StorageUsage invariants); the caller
 *   applies the returned charges to the main connection's in-memory totals.
 * - Every write transaction here is short (one replace, or one vacuum slice of
 *   VACUUM_SLICE_PAGES pages), because the main connection's group commit waits for it.
 */
import type { StoredUpdates } from "@quire/storage";
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import type { MergeRows } from "./merge-rows.ts";
import { type Db, WAL_SIZE_LIMIT_BYTES } from "./open-database.ts";
import { type Charge, StorageUsage } from "./StorageUsage.ts";
import { checksumOf } from "./row-checksum.ts";

/**
 * Pages one incremental-vacuum transaction moves (4 KiB pages: 256 KiB). Measured ≤ 1 ms per
 * slice here; the main connection's group commit waits at most one slice (busy_timeout).
 */
export const VACUUM_SLICE_PAGES = 64;
/** Pause between vacuum slices, so the main connection's commits get the write lock. */
const VACUUM_PAUSE_MS = 2;
/**
 * How long a WAL truncation waits for the main connection's readers and writer before giving
 * up until the next checkpoint. Short, because the main connection's commits wait behind it.
 */
const TRUNCATE_BUSY_MS = 20;

export interface MaintenanceOptions {
  /** As the main connection's (open-database): a checkpoint syncs the WAL with it. */
  synchronous?: "NORMAL" | "FULL";
}

export interface CompactionResult {
  /** Rows merged into one (0: nothing done — one row or fewer, or the rows changed meanwhile). */
  rows: number;
  bytesBefore: number;
  bytesAfter: number;
  /** Usage changes committed with the replace, for the main connection's totals. */
  usage: Charge[];
}

export interface CheckpointResult {
  /** WAL frames, and how many of them are now in the database file. */
  walFrames: number;
  checkpointed: number;
}

export class MaintenanceConnection {
  private readonly db: Db;
  private usage: StorageUsage | null = null;
  private readonly loadStmt;
  private readonly readStmt;
  private readonly countUpToStmt;
  private readonly bytesUpToStmt;
  private readonly deleteUpToStmt;
  private readonly insertWithSeqStmt;

  /** Opens `file`, which the relay's main connection already created (WAL, schema). */
  constructor(file: string, options: MaintenanceOptions = {}) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
    // Checkpoints are explicit (checkpoint()); none rides on this connection's commits.
    this.db.pragma("wal_autocheckpoint = 0");
    this.loadStmt = this.db.prepare<[string], { seq: number; data: Buffer }>("SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq");
    this.readStmt = this.db.prepare<[string], { seq: number; data: Buffer; checksum: Buffer | null }>(
      "SELECT seq, data, checksum FROM updates WHERE doc = ? ORDER BY seq",
    );
    this.countUpToStmt = this.db.prepare<[string, number], { n: number }>("SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND seq <= ?");
    this.bytesUpToStmt = this.db.prepare<[string, number], { n: number }>(
      "SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc = ? AND seq <= ?",
    );
    this.deleteUpToStmt = this.db.prepare<[string, number]>("DELETE FROM updates WHERE doc = ? AND seq <= ?");
    this.insertWithSeqStmt = this.db.prepare<[number, string, Uint8Array, Buffer]>(
      "INSERT INTO updates (seq, doc, data, checksum) VALUES (?, ?, ?, ?)",
    );
  }

  /**
   * `doc`'s stored rows, oldest first, as DocumentStore.load gives them (`verified`: every row
   * has its checksum and matches it), read in one transaction: the relay loads a doc of many
   * rows through this in a worker, not on its event loop.
   */
  read(doc: string): StoredUpdates {
    return this.db.transaction((): StoredUpdates => {
      const updates: Uint8Array[] = [];
      let bytes = 0;
      let maxSeq = 0;
      let verified = true;
      for (const row of this.readStmt.iterate(doc)) {
        const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
        updates.push(data);
        bytes += data.byteLength;
        maxSeq = row.seq;
        verified &&= row.checksum !== null && checksumOf(data).equals(row.checksum);
      }
      return { updates, bytes, maxSeq, verified: verified && updates.length > 0 };
    })();
  }

  /**
   * Merges `doc`'s stored rows into one with `merge` (which throws on a bad row: nothing is
   * written then). Rows appended while it merges stay as they are, after the merged row.
   */
  compact(doc: string, merge: MergeRows): CompactionResult {
    // One read transaction: a consistent set of rows even while the main connection appends.
    const { rows, maxSeq, bytes } = this.db.transaction(() => {
      const rows: Uint8Array[] = [];
      let maxSeq = 0;
      let bytes = 0;
      for (const row of this.loadStmt.iterate(doc)) {
        rows.push(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
        maxSeq = row.seq;
        bytes += row.data.byteLength;
      }
      return { rows, maxSeq, bytes };
    })();
    const nothing: CompactionResult = { rows: 0, bytesBefore: bytes, bytesAfter: bytes, usage: [] };
    if (rows.length <= 1) return nothing;
    const merged = merge(rows);
    const usage = this.usage ?? new StorageUsage(this.db);
    this.usage = usage;
    const changes = this.db
      .transaction((): Charge[] | null => {
        if ((this.countUpToStmt.get(doc, maxSeq)?.n ?? 0) !== rows.length) return null;
        const removed = this.bytesUpToStmt.get(doc, maxSeq)?.n ?? 0;
        this.deleteUpToStmt.run(doc, maxSeq);
        // Under a seq below every newer row's, so the stored order stays the apply order.
        this.insertWithSeqStmt.run(maxSeq, doc, merged, checksumOf(merged));
        return usage.rescale(doc, removed, merged.byteLength);
      })
      // IMMEDIATE: take the write lock before the guard reads, so no commit slips between.
      .immediate();
    if (changes === null) return nothing;
    return { rows: rows.length, bytesBefore: bytes, bytesAfter: merged.byteLength, usage: changes };
  }

  /**
   * Gives the pages freed by compactions back to the file system (auto_vacuum = INCREMENTAL),
   * VACUUM_SLICE_PAGES per transaction with a pause between. Returns the pages released.
   */
  releaseFreePages(maxPages = Number.POSITIVE_INFINITY): number {
    let released = 0;
    while (released < maxPages) {
      const free = Number(this.db.pragma("freelist_count", { simple: true }));
      if (free === 0) break;
      const slice = Math.min(VACUUM_SLICE_PAGES, free, maxPages - released);
      this.db.pragma(`incremental_vacuum(${slice})`);
      released += slice;
      // A database without auto_vacuum ignores the pragma: its free list never shrinks.
      if (Number(this.db.pragma("freelist_count", { simple: true })) >= free) break;
      sleepSync(VACUUM_PAUSE_MS);
    }
    return released;
  }

  /**
   * Copies the WAL into the database file without blocking writers or readers (PASSIVE), so
   * the fsync happens here; the next write after a complete one restarts the WAL at its start
   * (cut back to journal_size_limit).
   */
  checkpoint(): CheckpointResult {
    const [row] = this.db.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
    const walFrames = row?.log ?? 0;
    const checkpointed = row?.checkpointed ?? 0;
    if (walFrames > 0 && checkpointed === walFrames) this.truncateLargeWal();
    return { walFrames, checkpointed };
  }

  /**
   * A WAL that is fully copied but bigger than journal_size_limit is cut to zero now: SQLite
   * only cuts it back when the next write restarts it, so after a burst with no write after
   * it (e.g. a member's last big write before the quota refused the rest) the disk held the
   * burst twice — in the database and in the WAL (reliability S5 measured +127 MiB for a
   * 64 MiB quota). Everything is already checkpointed, so this only waits for readers.
   */
  private truncateLargeWal(): void {
    let walBytes = 0;
    try {
      walBytes = statSync(`${this.db.name}-wal`).size;
    } catch {
      return;
    }
    if (walBytes <= WAL_SIZE_LIMIT_BYTES) return;
    this.db.pragma(`busy_timeout = ${TRUNCATE_BUSY_MS}`);
    try {
      this.db.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // Busy: the next checkpoint tries again.
    } finally {
      this.db.pragma("busy_timeout = 5000");
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Blocks this thread (a worker's: never the relay's event loop) for `ms`. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
