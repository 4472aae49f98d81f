/**
 * @module stored-docs
 * Reads the relay's SQLite file directly (read-only, relay stopped or killed), exactly as an
 * operator restoring a backup would: what is on disk is what survives.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type * as Y from "yjs";
import { docFromUpdates } from "./doc-state.ts";

export const DB_FILE = "quire.sqlite";

/** Opens DATA_DIR/quire.sqlite read-only. */
export function openStore(dataDir: string): Database.Database {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** All stored update rows of `docName`, in write order. */
export function readStoredUpdates(dataDir: string, docName: string): Uint8Array[] {
  const db = openStore(dataDir);
  try {
    const rows = db.prepare("SELECT data FROM updates WHERE doc = ? ORDER BY seq").all(docName) as { data: Buffer }[];
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    db.close();
  }
}

/** The doc the relay would load for `docName`, built from its stored rows. */
export function readStoredDoc(dataDir: string, docName: string): Y.Doc {
  return docFromUpdates(readStoredUpdates(dataDir, docName));
}

/** Result of `PRAGMA integrity_check` ("ok" when the file is intact). */
export function integrityCheck(dataDir: string): string {
  const db = openStore(dataDir);
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}
