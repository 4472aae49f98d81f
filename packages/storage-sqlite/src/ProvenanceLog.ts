/**
 * @module ProvenanceLog
 * The SQLite side of provenance (issue 11, item 3; compact form issue 12): a doc's records are
 * packed, in seq order, into chunks (`provenance-codec.ts`) stored one per row of
 * `provenance_chunks`, keyed (doc, first seq); checkpoints in `checkpoints`. Used by
 * DocumentStore inside its group-commit transactions, so a record is durable exactly when its
 * update is. Databases written in the one-row-per-record form are migrated when opened
 * writable (`legacy-provenance.ts`).
 *
 * Invariants:
 * - Only the doc's newest record is ever extended (see @quire/storage `canCoalesce`), and only
 *   the doc's newest chunk ever changes on a write: it is rewritten in place, one statement per
 *   doc per batch however many updates it took. Chunks of a doc cover disjoint seq ranges.
 * - A record a checkpoint was taken after is never extended: a checkpoint stands exactly for
 *   the records up to its seq.
 * - What is cached in memory (each doc's newest chunk) changes only after the transaction that
 *   wrote it committed (`stageBatch` builds aside, `settle` adopts).
 * - Compaction never touches these tables; only retention (`coarsen`) rewrites old records.
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import { COALESCE_WINDOW_MS, type ProvenanceQuery, type UpdateProvenance, canCoalesce, unionRanges } from "@quire/storage";
import { DecodedChunkCache } from "./DecodedChunkCache.ts";
import { LegacyProvenanceReader, dropLegacyProvenance, hasLegacyProvenance, hasTable } from "./legacy-provenance.ts";
import type { Db } from "./open-database.ts";
import { decodeStoredChunk, encodeStoredChunk, isRawStoredChunk } from "./provenance-codec.ts";
import { coarsenToSessions } from "./provenance-retention.ts";

/** Docs whose newest chunk is kept in memory; past it the cache starts over. */
const MAX_CACHED = 1_000;

/**
 * A chunk takes no new record once its stored blob reaches this size. Every batch rewrites the
 * doc's newest chunk, so this bounds the bytes written per doc per commit; 900 bytes hold
 * ~30–60 typing runs, so the per-row cost (doc name twice, keys, cell headers) is a few bytes
 * per record. Four such rows fill a 4 KiB page: at 2 KiB only one fitted and pages stayed
 * half empty (bench/src/provenance-size.ts).
 */
export const CHUNK_BYTES = 900;

/**
 * The same limit for a chunk stored raw (the open one, see encodeStoredChunk): deflate takes
 * ~30 % off a chunk, so 900 / 0.7 raw bytes close it at about the size a deflated chunk closed.
 */
export const RAW_CHUNK_BYTES = Math.round(CHUNK_BYTES / 0.7);

const SCHEMA = `
-- Who sent what, when (issue 11, item 3): records packed per doc into chunks (provenance-codec).
CREATE TABLE IF NOT EXISTS provenance_chunks (
  id INTEGER PRIMARY KEY,
  doc TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS provenance_chunks_doc ON provenance_chunks (doc, first_seq);
`;

/** A doc's newest chunk: its records (the last one may still grow) and its size estimate. */
interface OpenChunk {
  firstSeq: number;
  records: ProvenanceRecord[];
  bytes: number;
  /** Stored raw (bytes count the raw form), not deflated. */
  raw: boolean;
}

/** Whether `chunk` takes no new record. */
function isFull(chunk: OpenChunk): boolean {
  return chunk.records.length > 0 && chunk.bytes >= (chunk.raw ? RAW_CHUNK_BYTES : CHUNK_BYTES);
}

/** What a batch wrote, adopted by `settle` once its transaction committed. */
export interface PendingRecords {
  chunks: Map<string, OpenChunk>;
}

export class ProvenanceLog {
  private readonly open = new Map<string, OpenChunk | null>();
  private readonly decoded = new DecodedChunkCache();
  /** Seq of each doc's newest checkpoint (0: none). */
  private readonly checkpointed = new Map<string, number>();
  /** A read-only database still in the legacy form (StoredDocsReader on an old data dir). */
  private readonly legacy: LegacyProvenanceReader | null = null;
  private readonly chunksStmt;
  private readonly lastChunkStmt;
  private readonly upsertStmt;
  private readonly docsStmt;
  private readonly deleteDocStmt;
  private readonly addCheckpointStmt;
  private readonly checkpointsStmt;
  private readonly checkpointedStmt;
  private readonly checkpointHeadsStmt;
  private readonly snapshotStmt;

  constructor(
    private readonly db: Db,
    /** Longest time span of one record (see @quire/storage COALESCE_WINDOW_MS). */
    private readonly coalesceWindowMs = COALESCE_WINDOW_MS,
  ) {
    if (!db.readonly) {
      db.exec(SCHEMA);
      if (hasLegacyProvenance(db)) db.transaction(() => this.migrateLegacy())();
    } else if (hasLegacyProvenance(db)) {
      this.legacy = new LegacyProvenanceReader(db);
    }
    const chunks = hasTable(db, "provenance_chunks");
    // A read-only database without the table (older than both forms, or legacy): no chunk rows.
    const table = chunks ? "provenance_chunks" : "(SELECT '' AS doc, 0 AS first_seq, x'' AS data, 0 AS id WHERE 0)";
    this.chunksStmt = db.prepare<[string, string, number], { first_seq: number; data: Buffer }>(
      `SELECT first_seq, data FROM ${table} WHERE doc = ? AND first_seq >= COALESCE((SELECT MAX(first_seq) FROM ${table} WHERE doc = ? AND first_seq <= ?), 0) ORDER BY first_seq`,
    );
    this.lastChunkStmt = db.prepare<[string], { first_seq: number; data: Buffer }>(`SELECT first_seq, data FROM ${table} WHERE doc = ? ORDER BY first_seq DESC LIMIT 1`);
    this.docsStmt = db.prepare<[], { doc: string }>(`SELECT DISTINCT doc FROM ${table} ORDER BY doc`);
    this.upsertStmt = chunks
      ? db.prepare<[string, number, Uint8Array]>(
          "INSERT INTO provenance_chunks (doc, first_seq, data) VALUES (?, ?, ?) ON CONFLICT (doc, first_seq) DO UPDATE SET data = excluded.data",
        )
      : null;
    this.deleteDocStmt = chunks ? db.prepare<[string]>("DELETE FROM provenance_chunks WHERE doc = ?") : null;
    this.addCheckpointStmt = db.prepare<[string, number, number, Uint8Array]>("INSERT INTO checkpoints (doc, seq, at, snapshot) VALUES (?, ?, ?, ?)");
    this.checkpointsStmt = db.prepare<[string], { seq: number; at: number; snapshot: Buffer }>(
      "SELECT seq, at, snapshot FROM checkpoints WHERE doc = ? ORDER BY id",
    );
    this.checkpointedStmt = db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM checkpoints WHERE doc = ?");
    this.checkpointHeadsStmt = db.prepare<[string], { id: number; seq: number; at: number }>("SELECT id, seq, at FROM checkpoints WHERE doc = ? ORDER BY id");
    this.snapshotStmt = db.prepare<[number], { snapshot: Buffer }>("SELECT snapshot FROM checkpoints WHERE id = ?");
  }

  /**
   * Records `items` (in staging order) inside the caller's transaction; returns what to adopt
   * with `settle` once it committed.
   */
  stageBatch(items: readonly { doc: string; bytes: number; provenance: UpdateProvenance }[]): PendingRecords {
    const pending: PendingRecords = { chunks: new Map() };
    for (const { doc, bytes, provenance } of items) {
      let chunk = pending.chunks.get(doc);
      if (!chunk) {
        const committed = this.openChunkOf(doc);
        // A copy: the committed chunk stays as it is until `settle`.
        chunk = committed ? { ...committed, records: [...committed.records] } : { firstSeq: 1, records: [], bytes: 0, raw: true };
        pending.chunks.set(doc, chunk);
      }
      const base = chunk.records[chunk.records.length - 1] ?? null;
      if (base && base.seq > this.checkpointedSeq(doc) && canCoalesce(base, provenance, this.coalesceWindowMs)) {
        const record: ProvenanceRecord = {
          ...base,
          lastAt: provenance.at,
          inserts: unionRanges(base.inserts, provenance.inserts),
          deletes: unionRanges(base.deletes, provenance.deletes),
          updates: base.updates + 1,
          bytes: base.bytes + bytes,
        };
        chunk.records[chunk.records.length - 1] = record;
        chunk.bytes += estimate(provenance.inserts.length + provenance.deletes.length);
        continue;
      }
      const record: ProvenanceRecord = {
        seq: (base?.seq ?? this.newestSeqBefore(doc)) + 1,
        userId: provenance.userId,
        name: provenance.name,
        firstAt: provenance.at,
        lastAt: provenance.at,
        inserts: unionRanges(provenance.inserts, []),
        deletes: unionRanges(provenance.deletes, []),
        updates: 1,
        bytes,
        ...(provenance.catchUp ? { catchUp: true } : {}),
      };
      if (isFull(chunk)) {
        // The full chunk is final now: write it deflated, start the next one with this record.
        this.write(doc, chunk, false);
        chunk = { firstSeq: record.seq, records: [], bytes: 0, raw: true };
        pending.chunks.set(doc, chunk);
      }
      if (chunk.records.length === 0) chunk.firstSeq = record.seq;
      chunk.records.push(record);
      chunk.bytes += estimate(record.inserts.length + record.deletes.length) + 16;
    }
    // Each doc's newest chunk stays raw: the next batch rewrites it anyway.
    for (const [doc, chunk] of pending.chunks) this.write(doc, chunk, true);
    return pending;
  }

  /** The transaction that wrote `pending` committed: adopt its chunks. */
  settle(pending: PendingRecords): void {
    if (this.open.size + pending.chunks.size > MAX_CACHED) this.open.clear();
    for (const [doc, chunk] of pending.chunks) this.open.set(doc, chunk);
  }

  /** Records of `doc`, oldest first. */
  list(doc: string, query: ProvenanceQuery = {}): ProvenanceRecord[] {
    const after = query.afterSeq ?? 0;
    const limit = query.limit ?? -1;
    const out: ProvenanceRecord[] = [];
    const take = (r: ProvenanceRecord) => {
      if (r.seq > after && (limit < 0 || out.length < limit)) out.push(r);
    };
    if (this.legacy) for (const r of this.legacy.list(doc)) take(r);
    for (const row of this.chunksStmt.iterate(doc, doc, after + 1)) {
      for (const r of this.decoded.records(doc, row.first_seq, row.data)) take(r);
      if (limit >= 0 && out.length >= limit) break;
    }
    return out;
  }

  /** Seq of `doc`'s newest record (0 when it has none). */
  newestSeq(doc: string): number {
    const records = this.openChunkOf(doc)?.records;
    return records?.[records.length - 1]?.seq ?? this.newestSeqBefore(doc);
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

  /**
   * Checkpoints of `doc` whose snapshots are read from the database on first access. A versions
   * list needs only seq and time: on B4 through the relay, 432 checkpoints held 2.5 MB of
   * snapshots, which the list read on every request. Only while the database is open.
   */
  checkpointsLazily(doc: string): Checkpoint[] {
    return this.checkpointHeadsStmt.all(doc).map((row) => {
      let snapshot: Uint8Array | null = null;
      const load = () => new Uint8Array((this.snapshotStmt.get(row.id) as { snapshot: Buffer }).snapshot);
      return {
        seq: row.seq,
        at: row.at,
        get snapshot(): Uint8Array {
          snapshot ??= load();
          return snapshot;
        },
      };
    });
  }

  /**
   * Retention (docs/privacy.md): `doc`'s records whose last update is older than `cutoffAt`
   * are merged into one record per member per editing session (`coarsenToSessions`), keeping
   * who, how much and the session's start and end, dropping the timing inside it. Rewrites the
   * doc only when something merges, in its own transaction: call between batches, through the
   * DocumentStore that owns this log (its cache of the newest chunk must see the rewrite).
   * `versionSeqs`: seqs of the doc's versions (named, hand-ins), kept exact like checkpoints.
   * Returns how many records it removed.
   */
  coarsenDoc(doc: string, cutoffAt: number, versionSeqs: Iterable<number> = []): number {
    const records = this.list(doc);
    const boundaries = new Set([...this.checkpoints(doc).map((c) => c.seq), ...versionSeqs]);
    const coarse = coarsenToSessions(records, cutoffAt, boundaries);
    if (coarse.length === records.length) return 0;
    this.db.transaction(() => {
      this.deleteDocStmt?.run(doc);
      this.writeAll(doc, coarse);
    })();
    this.open.delete(doc);
    return records.length - coarse.length;
  }

  /** Docs with records (a retention pass walks them one at a time, off the hot path). */
  docs(): string[] {
    return this.docsStmt.all().map((r) => r.doc);
  }

  /** Copies every legacy record into chunks and drops the legacy tables (one transaction). */
  private migrateLegacy(): void {
    const legacy = new LegacyProvenanceReader(this.db);
    const insert = this.db.prepare<[string, number, Uint8Array]>("INSERT INTO provenance_chunks (doc, first_seq, data) VALUES (?, ?, ?)");
    for (const doc of legacy.docs()) this.writeAll(doc, legacy.list(doc), (d, chunk) => insert.run(d, chunk.firstSeq, encodeStoredChunk(chunk.records)));
    dropLegacyProvenance(this.db);
  }

  /** Writes `records` (seq order) as full chunks. */
  private writeAll(doc: string, records: readonly ProvenanceRecord[], put = (d: string, c: OpenChunk) => this.write(d, c, false)): void {
    let chunk: OpenChunk | null = null;
    for (const r of records) {
      if (!chunk || chunk.bytes >= CHUNK_BYTES) {
        if (chunk) put(doc, chunk);
        chunk = { firstSeq: r.seq, records: [], bytes: 0, raw: false };
      }
      chunk.records.push(r);
      chunk.bytes += estimate(r.inserts.length + r.deletes.length) + 16;
    }
    if (chunk) put(doc, chunk);
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

  /** The doc's newest chunk, from the cache or the table. */
  private openChunkOf(doc: string): OpenChunk | null {
    const cached = this.open.get(doc);
    if (cached !== undefined) return cached;
    const row = this.lastChunkStmt.get(doc);
    const chunk = row ? { firstSeq: row.first_seq, records: decodeStoredChunk(row.data), bytes: row.data.byteLength, raw: isRawStoredChunk(row.data) } : null;
    if (this.open.size >= MAX_CACHED) this.open.clear();
    this.open.set(doc, chunk);
    return chunk;
  }

  /** Seq of the newest record outside the chunk table (legacy rows of a read-only database). */
  private newestSeqBefore(doc: string): number {
    if (!this.legacy) return 0;
    const records = this.legacy.list(doc);
    return records[records.length - 1]?.seq ?? 0;
  }

  private write(doc: string, chunk: OpenChunk, raw: boolean): void {
    if (!this.upsertStmt) throw new Error("provenance: read-only database");
    const data = encodeStoredChunk(chunk.records, raw);
    chunk.bytes = data.byteLength;
    chunk.raw = raw;
    this.upsertStmt.run(doc, chunk.firstSeq, data);
  }
}

/** Rough encoded size of `ranges` ranges, until the chunk is encoded and measured. */
function estimate(ranges: number): number {
  return 3 * ranges;
}
