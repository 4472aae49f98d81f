/**
 * @module StoredDocsReader
 * Reads what a relay stored — rows, provenance, checkpoints — from its data dir through a
 * read-only SQLite connection, while the relay runs or after it stopped or was killed (WAL:
 * readers never block the writer). What is on disk is what survives: tests, the reliability
 * suite and benchmarks check that through this one reader (@quire/testkit `storedDoc`), not by
 * SQL of their own. Synchronous, unlike the port: it is a local inspection tool — and the
 * relay's history worker reads a doc's history through it on a connection of its own, off the
 * relay's event loop.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import type { ProvenanceQuery } from "@quire/storage";
import { DATABASE_FILE } from "./open-database.ts";
import { ProvenanceLog } from "./ProvenanceLog.ts";

export class StoredDocsReader {
  private readonly db: Database.Database;
  private readonly provenanceLog: ProvenanceLog | null;

  constructor(dataDir: string) {
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    // A database from before provenance has no such tables until a current relay opened it;
    // one in the legacy one-row-per-record form is read as it is (ProvenanceLog).
    const hasProvenance = this.db.prepare("SELECT 1 FROM sqlite_master WHERE name IN ('provenance', 'provenance_chunks')").get() !== undefined;
    this.provenanceLog = hasProvenance ? new ProvenanceLog(this.db) : null;
  }

  /** The stored rows of `doc`, oldest first. */
  rows(doc: string): Uint8Array[] {
    const rows = this.db.prepare<[string], { data: Buffer }>("SELECT data FROM updates WHERE doc = ? ORDER BY seq").all(doc);
    return rows.map((row) => new Uint8Array(row.data));
  }

  /** Bytes of the stored rows of every doc whose name starts with `prefix`. */
  rowBytes(prefix: string): number {
    // A range on the (doc, seq) index: every name ≥ prefix and < prefix with its last character incremented.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const row = this.db
      .prepare<[string, string], { n: number }>("SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc >= ? AND doc < ?")
      .get(prefix, end);
    return row?.n ?? 0;
  }

  /** Names of the docs with stored rows, sorted. */
  docs(): string[] {
    return this.db.prepare<[], { doc: string }>("SELECT DISTINCT doc FROM updates ORDER BY doc").all().map((row) => row.doc);
  }

  provenance(doc: string, query?: ProvenanceQuery): ProvenanceRecord[] {
    return this.provenanceLog?.list(doc, query) ?? [];
  }

  /** Yjs client id → the user it is bound to (empty on a database older than bindings). */
  owners(doc: string): Map<number, string> {
    const owners = new Map<number, string>();
    if (this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'client_ids'").get() === undefined) return owners;
    for (const row of this.db.prepare<[string], { client: number; sub: string }>("SELECT client, sub FROM client_ids WHERE doc = ?").iterate(doc)) {
      owners.set(row.client, row.sub);
    }
    return owners;
  }

  /** Runs `read` in one read transaction: everything it reads is from the same commit. */
  consistent<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  checkpoints(doc: string): Checkpoint[] {
    return this.provenanceLog?.checkpoints(doc) ?? [];
  }

  close(): void {
    this.db.close();
  }
}

/** Opens a reader on `dataDir`, runs `read`, closes it. */
export function readStoredDocs<T>(dataDir: string, read: (reader: StoredDocsReader) => T): T {
  const reader = new StoredDocsReader(dataDir);
  try {
    return read(reader);
  } finally {
    reader.close();
  }
}
