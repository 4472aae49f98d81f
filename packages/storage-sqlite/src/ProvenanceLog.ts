/**
 * @module ProvenanceLog
 * The SQLite side of provenance (issue 11, item 3): one row per record in `provenance`, keyed
 * (doc id, seq) without a rowid; doc names and senders interned in `provenance_docs` and
 * `provenance_senders`; checkpoints in `checkpoints`. Used by DocumentStore inside its
 * group-commit transactions, so a record is durable exactly when its update is.
 *
 * Invariants:
 * - Only the doc's newest record is ever extended (see @quire/storage `canCoalesce`); it is
 *   rewritten in place, one statement per doc per batch however many updates it took.
 * - A record a checkpoint was taken after is never extended: a checkpoint stands exactly for
 *   the records up to its seq.
 * - What is cached in memory (each doc's newest record, interned ids) changes only after the
 *   transaction that wrote it committed (`stageBatch` builds aside, `settle` adopts): a rolled
 *   back id could otherwise be handed to another doc or sender later.
 * - Compaction never touches these tables.
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import { COALESCE_WINDOW_MS, type ProvenanceQuery, type UpdateProvenance, canCoalesce, decodeRanges, encodeRanges, unionRanges } from "@quire/storage";
import type { Db } from "./open-database.ts";

interface RecordRow {
  seq: number;
  user_id: string;
  name: string;
  first_at: number;
  span_ms: number;
  updates: number;
  bytes: number;
  inserts: Buffer;
  deletes: Buffer;
}

/** Docs whose newest record and ids are kept in memory; past it the caches start over. */
const MAX_CACHED = 1_000;

/** What a batch wrote, adopted by `settle` once its transaction committed. */
export interface PendingRecords {
  records: Map<string, ProvenanceRecord>;
  ids: Map<string, number>;
}

const RECORD_COLUMNS = "p.seq, s.user_id, s.name, p.first_at, p.span_ms, p.updates, p.bytes, p.inserts, p.deletes";

export class ProvenanceLog {
  private readonly newest = new Map<string, ProvenanceRecord | null>();
  /** Seq of each doc's newest checkpoint (0: none). */
  private readonly checkpointed = new Map<string, number>();
  /** Interned ids: `d:<doc>` and `s:<user>\n<name>`. */
  private readonly ids = new Map<string, number>();
  private readonly upsertStmt;
  private readonly newestStmt;
  private readonly listStmt;
  private readonly docIdStmt;
  private readonly addDocStmt;
  private readonly senderIdStmt;
  private readonly addSenderStmt;
  private readonly addCheckpointStmt;
  private readonly checkpointsStmt;
  private readonly checkpointedStmt;

  constructor(
    db: Db,
    /** Longest time span of one record (see @quire/storage COALESCE_WINDOW_MS). */
    private readonly coalesceWindowMs = COALESCE_WINDOW_MS,
  ) {
    this.upsertStmt = db.prepare<[number, number, number, number, number, number, number, Uint8Array, Uint8Array]>(
      "INSERT OR REPLACE INTO provenance (doc_id, seq, sender, first_at, span_ms, updates, bytes, inserts, deletes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const from = "FROM provenance p JOIN provenance_senders s ON s.id = p.sender JOIN provenance_docs d ON d.id = p.doc_id WHERE d.doc = ?";
    this.newestStmt = db.prepare<[string], RecordRow>(`SELECT ${RECORD_COLUMNS} ${from} ORDER BY p.seq DESC LIMIT 1`);
    this.listStmt = db.prepare<[string, number, number], RecordRow>(`SELECT ${RECORD_COLUMNS} ${from} AND p.seq > ? ORDER BY p.seq LIMIT ?`);
    this.docIdStmt = db.prepare<[string], { id: number }>("SELECT id FROM provenance_docs WHERE doc = ?");
    this.addDocStmt = db.prepare<[string]>("INSERT INTO provenance_docs (doc) VALUES (?)");
    this.senderIdStmt = db.prepare<[string, string], { id: number }>("SELECT id FROM provenance_senders WHERE user_id = ? AND name = ?");
    this.addSenderStmt = db.prepare<[string, string]>("INSERT INTO provenance_senders (user_id, name) VALUES (?, ?)");
    this.addCheckpointStmt = db.prepare<[string, number, number, Uint8Array]>("INSERT INTO checkpoints (doc, seq, at, snapshot) VALUES (?, ?, ?, ?)");
    this.checkpointsStmt = db.prepare<[string], { seq: number; at: number; snapshot: Buffer }>(
      "SELECT seq, at, snapshot FROM checkpoints WHERE doc = ? ORDER BY id",
    );
    this.checkpointedStmt = db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM checkpoints WHERE doc = ?");
  }

  /**
   * Records `items` (in staging order) inside the caller's transaction; returns what to adopt
   * with `settle` once it committed.
   */
  stageBatch(items: readonly { doc: string; bytes: number; provenance: UpdateProvenance }[]): PendingRecords {
    const pending: PendingRecords = { records: new Map(), ids: new Map() };
    const dirty = new Set<string>();
    for (const { doc, bytes, provenance } of items) {
      const base = pending.records.has(doc) ? (pending.records.get(doc) ?? null) : this.newestOf(doc);
      let record: ProvenanceRecord;
      if (base && base.seq > this.checkpointedSeq(doc) && canCoalesce(base, provenance, this.coalesceWindowMs)) {
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
        if (base && dirty.has(doc)) this.write(doc, base, pending);
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
      pending.records.set(doc, record);
      dirty.add(doc);
    }
    for (const doc of dirty) this.write(doc, pending.records.get(doc) as ProvenanceRecord, pending);
    return pending;
  }

  /** The transaction that wrote `pending` committed: adopt its records and ids. */
  settle(pending: PendingRecords): void {
    if (this.newest.size + pending.records.size > MAX_CACHED) this.newest.clear();
    if (this.ids.size + pending.ids.size > 2 * MAX_CACHED) this.ids.clear();
    for (const [doc, record] of pending.records) this.newest.set(doc, record);
    for (const [key, id] of pending.ids) this.ids.set(key, id);
  }

  /** Records of `doc`, oldest first. */
  list(doc: string, query: ProvenanceQuery = {}): ProvenanceRecord[] {
    return this.listStmt.all(doc, query.afterSeq ?? 0, query.limit ?? -1).map(fromRow);
  }

  /** Seq of `doc`'s newest record (0 when it has none). */
  newestSeq(doc: string): number {
    return this.newestOf(doc)?.seq ?? 0;
  }

  addCheckpoint(doc: string, at: number, snapshot: Uint8Array): Checkpoint {
    const seq = this.newestSeq(doc);
    this.addCheckpointStmt.run(doc, seq, at, snapshot);
    this.checkpointed.set(doc, seq);
    return { seq, at, snapshot };
  }

  checkpoints(doc: string): Checkpoint[] {
    return this.checkpointsStmt.all(doc).map((row) => ({ seq: row.seq, at: row.at, snapshot: new Uint8Array(row.snapshot) }));
  }

  private checkpointedSeq(doc: string): number {
    let seq = this.checkpointed.get(doc);
    if (seq === undefined) {
      seq = this.checkpointedStmt.get(doc)?.seq ?? 0;
      if (this.checkpointed.size >= MAX_CACHED) this.checkpointed.clear();
      this.checkpointed.set(doc, seq);
    }
    return seq;
  }

  private newestOf(doc: string): ProvenanceRecord | null {
    const cached = this.newest.get(doc);
    if (cached !== undefined) return cached;
    const row = this.newestStmt.get(doc);
    const record = row ? fromRow(row) : null;
    if (this.newest.size >= MAX_CACHED) this.newest.clear();
    this.newest.set(doc, record);
    return record;
  }

  /** The id of `key`, from the cache, this batch, the table, or a new row (inside the batch's transaction). */
  private intern(key: string, pending: PendingRecords, find: () => { id: number } | undefined, add: () => void): number {
    const known = this.ids.get(key) ?? pending.ids.get(key);
    if (known !== undefined) return known;
    let row = find();
    if (!row) {
      add();
      row = find();
    }
    if (!row) throw new Error(`could not intern ${key}`);
    pending.ids.set(key, row.id);
    return row.id;
  }

  private write(doc: string, r: ProvenanceRecord, pending: PendingRecords): void {
    const docId = this.intern(`d:${doc}`, pending, () => this.docIdStmt.get(doc), () => this.addDocStmt.run(doc));
    const sender = this.intern(
      `s:${r.userId}\n${r.name}`,
      pending,
      () => this.senderIdStmt.get(r.userId, r.name),
      () => this.addSenderStmt.run(r.userId, r.name),
    );
    this.upsertStmt.run(docId, r.seq, sender, r.firstAt, r.lastAt - r.firstAt, r.updates, r.bytes, encodeRanges(r.inserts), encodeRanges(r.deletes));
  }
}

function fromRow(row: RecordRow): ProvenanceRecord {
  return {
    seq: row.seq,
    userId: row.user_id,
    name: row.name,
    firstAt: row.first_at,
    lastAt: row.first_at + row.span_ms,
    inserts: decodeRanges(row.inserts),
    deletes: decodeRanges(row.deletes),
    updates: row.updates,
    bytes: row.bytes,
  };
}
