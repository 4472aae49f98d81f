/**
 * @module open-database
 * Opens DATA_DIR/quire.sqlite with the relay's durability settings and schema.
 *
 * WAL + synchronous=NORMAL: a committed transaction survives a crash of the relay process
 * (SIGKILL, OOM) because it is in the WAL file in the OS page cache; only a power loss or
 * kernel crash can drop the last transactions. That is the trade-off chosen for a school
 * relay: fsync on every keystroke (synchronous=FULL) costs ~10x write throughput.
 * Operators who need power-loss durability can set SQLITE_SYNCHRONOUS=FULL.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { ensurePrivateDir, narrowFileModes } from "./private-data-dir.ts";

export type Db = Database.Database;

export const DATABASE_FILE = "quire.sqlite";

/** WAL size kept after a checkpoint: 4 MiB holds a few seconds of a busy class's typing. */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_doc_seq ON updates (doc, seq);
CREATE TABLE IF NOT EXISTS quarantined_docs (
  doc TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
-- Owner (token sub) of each Yjs client id of each doc, bound at its first write (S2).
CREATE TABLE IF NOT EXISTS client_ids (
  doc TEXT NOT NULL,
  client INTEGER NOT NULL,
  sub TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (doc, client)
) WITHOUT ROWID;
-- Provenance records live in provenance_chunks, created by ProvenanceLog (its own module);
-- databases from before it hold them in provenance/provenance_docs/provenance_senders until
-- a relay opens them (legacy-provenance.ts). Compaction never touches provenance or checkpoints.
-- Y.encodeSnapshot of a doc after provenance record seq, at relay time at.
CREATE TABLE IF NOT EXISTS checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  snapshot BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS checkpoints_doc ON checkpoints (doc, id);
CREATE TABLE IF NOT EXISTS revoked_tokens (
  jti TEXT PRIMARY KEY,
  revoked_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  owner_sub TEXT NOT NULL,
  editor_code TEXT NOT NULL UNIQUE,
  viewer_code TEXT NOT NULL UNIQUE
);
`;

export interface OpenOptions {
  /** Cap on the database size (bytes, 0 = none): beyond it writes fail with SQLITE_FULL. */
  maxBytes?: number;
  synchronous?: "NORMAL" | "FULL";
  /**
   * false: this connection never checkpoints the WAL on its own (wal_autocheckpoint = 0); the
   * caller must (the relay runs PASSIVE checkpoints from a worker's MaintenanceConnection).
   * With SQLite's default (true) the commit that takes the WAL past 1,000 pages runs the
   * checkpoint and its fsync inline: up to 125 ms of one group commit on the relay's event
   * loop (bench/FINDINGS.md F9).
   */
  autoCheckpoint?: boolean;
}

/** Opens (creating if needed) the relay database in `dataDir`. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  ensurePrivateDir(dataDir);
  // Before anything creates the WAL: SQLite gives -wal and -shm the database file's mode.
  narrowFileModes(dataDir, [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]);
  const db = new Database(join(dataDir, DATABASE_FILE));
  narrowFileModes(dataDir, [DATABASE_FILE]);
  // Compaction turns many rows into one and frees their pages; without auto_vacuum SQLite
  // keeps them in the file for ever (1.44x the doc's size on disk, bench/FINDINGS.md F3).
  // Only takes effect while the file is still empty, so it precedes WAL and the schema;
  // an older database keeps its setting until an operator runs VACUUM once.
  db.pragma("auto_vacuum = INCREMENTAL");
  db.pragma("journal_mode = WAL");
  // After a burst the WAL is cut back to this size at the next checkpoint instead of staying
  // at its high-water mark (SQLite's default keeps it).
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  if (options.autoCheckpoint === false) db.pragma("wal_autocheckpoint = 0");
  db.exec(SCHEMA);
  migrate(db);
  if (options.maxBytes) capDatabaseSize(db, options.maxBytes);
  return db;
}

/**
 * Caps the database at `maxBytes` (0 = none): beyond it writes fail with SQLITE_FULL. A caller
 * that creates tables of its own after opening (the relay's stores) caps once they exist: a
 * database already at its cap could otherwise not even start after an upgrade that adds a
 * table (reliability: storage-full failed to start when share links added theirs).
 */
export function capDatabaseSize(db: Db, maxBytes: number): void {
  if (maxBytes <= 0) return;
  const pageSize = Number(db.pragma("page_size", { simple: true }));
  db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
}

/** Columns added after the first release, for databases created before them. */
function migrate(db: Db): void {
  const columns = new Set((db.pragma("table_info(updates)") as { name: string }[]).map((c) => c.name));
  // SHA-256 of a row the relay wrote itself from verified rows (compaction), so that row can
  // load with one apply and no re-check: any change to its bytes breaks the match.
  if (!columns.has("checksum")) db.exec("ALTER TABLE updates ADD COLUMN checksum BLOB");
}
