/**
 * @module ProvenanceLog
 * The SQLite side of provenance (issue 11, item 3): one row per record in `provenance`, keyed
 * (doc, seq) without a rowid so the doc name is stored once per record and there is no second
 * index; checkpoints in `checkpoints`. Used by DocumentStore inside its group-commit
 * transactions, so a record is durable exactly when its update is.
 *
 * Invariants:
 * - Only the doc's newest record is ever extended (see @quire/storage `canCoalesce`); it is
 *   rewritten in place, one statement per doc per batch however many updates it took.
 * - The in-memory copy of each doc's newest record changes only after its transaction
 *   committed (`stageBatch` builds the new records aside, `settle` adopts them), so a failed
 *   batch leaves memory and disk in agreement.
 * - Compaction never touches these tables.
 */
import type { Checkpoint, ClockRange, ProvenanceRecord } from "@quire/core";
import { type ProvenanceQuery, type UpdateProvenance, canCoalesce, decodeRanges, encodeRanges, unionRanges } from "@quire/storage";
import type { Db } from "./open-database.ts";

interface RecordRow {
  seq: number;
  user_id: string;
  name: string;
  first_at: number;
  last_at: number;
  updates: number;
  bytes: number;
  inserts: Buffer;
  deletes: Buffer;
}

/** Newest records kept in memory (to extend them without a read); older ones are re-read. */
const MAX_CACHED_DOCS = 1_000;

/** Records built while a transaction runs, adopted once it committed. */
export type PendingRecords = Map<string, ProvenanceRecord>;

export class ProvenanceLog {
  private readonly newest = new Map<string, ProvenanceRecord | null>();
  private readonly upsertStmt;
  private readonly newestStmt;
  private readonly listStmt;
  private readonly addCheckpointStmt;
  private readonly checkpointsStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare<[string, number, string, string, number, number, number, number, Uint8Array, Uint8Array]>(
      "INSERT OR REPLACE INTO provenance (doc, seq, user_id, name, first_at, last_at, updates, bytes, inserts, deletes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.newestStmt = db.prepare<[string], RecordRow>("SELECT * FROM provenance WHERE doc = ? ORDER BY seq DESC LIMIT 1");
    this.listStmt = db.prepare<[string, number, number], RecordRow>("SELECT * FROM provenance WHERE doc = ? AND seq > ? ORDER BY seq LIMIT ?");
    this.addCheckpointStmt = db.prepare<[string, number, number, Uint8Array]>("INSERT INTO checkpoints (doc, seq, at, snapshot) VALUES (?, ?, ?, ?)");
    this.checkpointsStmt = db.prepare<[string], { seq: number; at: number; snapshot: Buffer }>(
      "SELECT seq, at, snapshot FROM checkpoints WHERE doc = ? ORDER BY id",
    );
  }

  /**
   * Records `items` (in staging order) inside the caller's transaction; returns the records to
   * adopt with `settle` once it committed.
   */
  stageBatch(items: readonly { doc: string; bytes: number; provenance: UpdateProvenance }[]): PendingRecords {
    const pending: PendingRecords = new Map();
    const dirty = new Set<string>();
    for (const { doc, bytes, provenance } of items) {
      const base = pending.has(doc) ? (pending.get(doc) ?? null) : this.newestOf(doc);
      let record: ProvenanceRecord;
      if (base && canCoalesce(base, provenance)) {
        record = {
          ...base,
          lastAt: provenance.at,
          inserts: unionRanges(base.inserts, provenance.inserts),
          deletes: unionRanges(base.deletes, provenance.deletes),
          updates: base.updates + 1,
          bytes: base.bytes + bytes,
        };
      } else {
        // The doc's previous record is final now: write it if this batch changed it.
        if (base && dirty.has(doc)) this.write(doc, base);
        record = {
          seq: (base?.seq ?? 0) + 1,
          userId: provenance.userId,
          name: provenance.name,
          firstAt: provenance.at,
          lastAt: provenance.at,
          inserts: unionRanges(provenance.inserts, []),
          deletes: unionRanges(provenance.deletes, []),
          updates: 1,
          bytes,
        };
      }
      pending.set(doc, record);
      dirty.add(doc);
    }
    for (const doc of dirty) this.write(doc, pending.get(doc) as ProvenanceRecord);
    return pending;
  }

  /** The transaction that wrote `pending` committed: its records are the docs' newest now. */
  settle(pending: PendingRecords): void {
    if (this.newest.size + pending.size > MAX_CACHED_DOCS) this.newest.clear();
    for (const [doc, record] of pending) this.newest.set(doc, record);
  }

  /** Records of `doc`, oldest first. */
  list(doc: string, query: ProvenanceQuery = {}): ProvenanceRecord[] {
    const limit = query.limit ?? -1;
    return this.listStmt.all(doc, query.afterSeq ?? 0, limit).map(fromRow);
  }

  /** Seq of `doc`'s newest record (0 when it has none). */
  newestSeq(doc: string): number {
    return this.newestOf(doc)?.seq ?? 0;
  }

  addCheckpoint(doc: string, at: number, snapshot: Uint8Array): Checkpoint {
    const seq = this.newestSeq(doc);
    this.addCheckpointStmt.run(doc, seq, at, snapshot);
    return { seq, at, snapshot };
  }

  checkpoints(doc: string): Checkpoint[] {
    return this.checkpointsStmt.all(doc).map((row) => ({ seq: row.seq, at: row.at, snapshot: new Uint8Array(row.snapshot) }));
  }

  private newestOf(doc: string): ProvenanceRecord | null {
    const cached = this.newest.get(doc);
    if (cached !== undefined) return cached;
    const row = this.newestStmt.get(doc);
    const record = row ? fromRow(row) : null;
    if (this.newest.size >= MAX_CACHED_DOCS) this.newest.clear();
    this.newest.set(doc, record);
    return record;
  }

  private write(doc: string, r: ProvenanceRecord): void {
    this.upsertStmt.run(doc, r.seq, r.userId, r.name, r.firstAt, r.lastAt, r.updates, r.bytes, encodeRanges(r.inserts), encodeRanges(r.deletes));
  }
}

function fromRow(row: RecordRow): ProvenanceRecord {
  return {
    seq: row.seq,
    userId: row.user_id,
    name: row.name,
    firstAt: row.first_at,
    lastAt: row.last_at,
    inserts: decodeRanges(row.inserts) as ClockRange[],
    deletes: decodeRanges(row.deletes) as ClockRange[],
    updates: row.updates,
    bytes: row.bytes,
  };
}
