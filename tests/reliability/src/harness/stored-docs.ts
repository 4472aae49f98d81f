/**
 * @module stored-docs
 * Reads the relay's SQLite file directly (read-only, relay stopped or killed), exactly as an
 * operator restoring a backup would: what is on disk is what survives.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { storedRows } from "@quire/testkit";
import { docFromUpdates, missingFrom } from "./doc-state.ts";

export const DB_FILE = "quire.sqlite";

/** Opens DATA_DIR/quire.sqlite read-only. */
export function openStore(dataDir: string): Database.Database {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** All stored update rows of `docName`, in write order (the test kit's one stored-doc reader). */
export function readStoredUpdates(dataDir: string, docName: string): Uint8Array[] {
  return storedRows(dataDir, docName);
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

/**
 * Explains why the stored doc lacks what `expected` holds: are the missing edits absent from
 * the rows themselves (never written / overwritten), or lost only when the rows are merged
 * the way the relay loads them (Y.mergeUpdates)?
 */
export function explainStoredLoss(dataDir: string, docName: string, expected: Y.Doc): string {
  const rows = readStoredUpdates(dataDir, docName);
  const oneByOne = docFromUpdates(rows);
  const lines = [`${rows.length} stored rows (sizes ${rows.map((r) => r.length).join(",")})`];
  const rowGaps = missingFrom(oneByOne, expected);
  lines.push(rowGaps.length === 0 ? "rows applied one by one hold everything" : `rows applied one by one lack: ${rowGaps.join("; ")}`);
  try {
    const merged = docFromUpdates([Y.mergeUpdates(rows)]);
    const mergedGaps = missingFrom(merged, expected);
    lines.push(mergedGaps.length === 0 ? "merged rows hold everything" : `merged rows lack: ${mergedGaps.join("; ")}`);
  } catch (error) {
    lines.push(`merging the rows throws: ${String(error)}`);
  }
  return lines.join("\n");
}
