/**
 * @module VersionStore
 * The SQLite side of versions people make (issue 12, item 2): named versions, hand-ins and
 * restores, in their own table `history_versions` (created here, like StorageUsage's, so it
 * merges with parallel schema work). Automatic versions are checkpoints (ProvenanceLog).
 *
 * Invariants:
 * - A hand-in's row never changes and is never deleted: triggers refuse UPDATE and DELETE of
 *   a `handin` row at the database itself, whatever code (or a stray script) tries it, so its
 *   stored update — and the SHA-256 recorded with it — stay as they were handed in.
 * - Ids are `v` + 16 random hex characters, unique per table (primary key), never reused.
 * - Compaction never touches this table.
 */
import { randomBytes } from "node:crypto";
import type { NewVersion, StoredVersion, StoredVersionKind, VersionChange } from "@quire/storage";
import type { Db } from "./open-database.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS history_versions (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('named', 'handin', 'restore')),
  name TEXT NOT NULL,
  at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  snapshot BLOB NOT NULL,
  update_data BLOB,
  content_hash TEXT
);
CREATE INDEX IF NOT EXISTS history_versions_doc ON history_versions (doc, at);
CREATE TRIGGER IF NOT EXISTS history_handin_no_update BEFORE UPDATE ON history_versions
  WHEN OLD.kind = 'handin' BEGIN SELECT RAISE(ABORT, 'a hand-in cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS history_handin_no_delete BEFORE DELETE ON history_versions
  WHEN OLD.kind = 'handin' BEGIN SELECT RAISE(ABORT, 'a hand-in cannot be deleted'); END;
`;

interface Row {
  id: string;
  kind: StoredVersionKind;
  name: string;
  at: number;
  seq: number;
  user_id: string;
  user_name: string;
  snapshot: Buffer;
  content_hash: string | null;
}

const COLUMNS = "id, kind, name, at, seq, user_id, user_name, snapshot, content_hash";

export class VersionStore {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly updateDataStmt;
  private readonly renameStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.insertStmt = db.prepare<[string, string, string, string, number, number, string, string, Uint8Array, Uint8Array | null, string | null]>(
      "INSERT INTO history_versions (id, doc, kind, name, at, seq, user_id, user_name, snapshot, update_data, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.listStmt = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM history_versions WHERE doc = ? ORDER BY at, rowid`);
    this.getStmt = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM history_versions WHERE doc = ? AND id = ?`);
    this.updateDataStmt = db.prepare<[string, string], { update_data: Buffer | null }>(
      "SELECT update_data FROM history_versions WHERE doc = ? AND id = ? AND kind = 'handin'",
    );
    this.renameStmt = db.prepare<[string, string, string]>("UPDATE history_versions SET name = ? WHERE doc = ? AND id = ?");
    this.deleteStmt = db.prepare<[string, string]>("DELETE FROM history_versions WHERE doc = ? AND id = ?");
  }

  /** Stores `version` of `doc` taken after provenance record `seq`. */
  add(doc: string, version: NewVersion, seq: number): StoredVersion {
    if (version.kind === "handin" && (!version.update || !version.contentHash)) throw new TypeError("a hand-in needs its update and content hash");
    const id = `v${randomBytes(8).toString("hex")}`;
    const update = version.kind === "handin" ? (version.update ?? null) : null;
    const hash = version.kind === "handin" ? (version.contentHash ?? null) : null;
    this.insertStmt.run(id, doc, version.kind, version.name, version.at, seq, version.userId, version.userName, version.snapshot, update, hash);
    return {
      id,
      kind: version.kind,
      name: version.name,
      at: version.at,
      seq,
      userId: version.userId,
      userName: version.userName,
      snapshot: version.snapshot,
      contentHash: hash,
    };
  }

  list(doc: string): StoredVersion[] {
    return this.listStmt.all(doc).map(fromRow);
  }

  handInUpdate(doc: string, id: string): Uint8Array | null {
    const data = this.updateDataStmt.get(doc, id)?.update_data;
    return data ? new Uint8Array(data) : null;
  }

  rename(doc: string, id: string, name: string): VersionChange {
    return this.change(doc, id, () => this.renameStmt.run(name, doc, id));
  }

  delete(doc: string, id: string): VersionChange {
    return this.change(doc, id, () => this.deleteStmt.run(doc, id));
  }

  private change(doc: string, id: string, run: () => void): VersionChange {
    const row = this.getStmt.get(doc, id);
    if (!row) return "not_found";
    // The triggers would refuse it too; answering first keeps the refusal a plain outcome.
    if (row.kind === "handin") return "locked";
    run();
    return "done";
  }
}

function fromRow(row: Row): StoredVersion {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    at: row.at,
    seq: row.seq,
    userId: row.user_id,
    userName: row.user_name,
    snapshot: new Uint8Array(row.snapshot),
    contentHash: row.content_hash,
  };
}
