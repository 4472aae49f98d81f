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
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

export const DATABASE_FILE = "quire.sqlite";

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
}

/** Opens (creating if needed) the relay database in `dataDir`. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  if (options.maxBytes && options.maxBytes > 0) {
    const pageSize = Number(db.pragma("page_size", { simple: true }));
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }
  return db;
}
