/**
 * @module legacy-provenance
 * Provenance as relays before the chunked format stored it (one row per record in
 * `provenance`, doc names and senders interned in `provenance_docs` / `provenance_senders`,
 * ranges by @quire/storage `encodeRanges`). A writable database is migrated once into chunks
 * (ProvenanceLog) and these tables are dropped; a read-only one (StoredDocsReader) is read as
 * it is. Nothing writes this format any more.
 */
import type { ProvenanceRecord } from "@quire/core";
import { decodeRanges } from "@quire/storage";
import type { Db } from "./open-database.ts";

interface LegacyRow {
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

const LEGACY_TABLES = ["provenance", "provenance_senders", "provenance_docs"] as const;

export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function hasLegacyProvenance(db: Db): boolean {
  return LEGACY_TABLES.every((name) => hasTable(db, name));
}

/** Reads the legacy tables (which must exist: `hasLegacyProvenance`). */
export class LegacyProvenanceReader {
  private readonly listStmt;
  private readonly docsStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[string], LegacyRow>(
      "SELECT p.seq, s.user_id, s.name, p.first_at, p.span_ms, p.updates, p.bytes, p.inserts, p.deletes FROM provenance p JOIN provenance_senders s ON s.id = p.sender JOIN provenance_docs d ON d.id = p.doc_id WHERE d.doc = ? ORDER BY p.seq",
    );
    this.docsStmt = db.prepare<[], { doc: string }>("SELECT doc FROM provenance_docs ORDER BY doc");
  }

  docs(): string[] {
    return this.docsStmt.all().map((row) => row.doc);
  }

  list(doc: string): ProvenanceRecord[] {
    return this.listStmt.all(doc).map((row) => ({
      seq: row.seq,
      userId: row.user_id,
      name: row.name,
      firstAt: row.first_at,
      lastAt: row.first_at + row.span_ms,
      inserts: decodeRanges(row.inserts),
      deletes: decodeRanges(row.deletes),
      updates: row.updates,
      bytes: row.bytes,
    }));
  }
}

/** Drops the legacy tables (inside the migration's transaction, after their records were copied). */
export function dropLegacyProvenance(db: Db): void {
  for (const name of LEGACY_TABLES) db.exec(`DROP TABLE IF EXISTS ${name}`);
}
