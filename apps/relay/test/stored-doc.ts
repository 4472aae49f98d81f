/** Reads a doc straight from a relay's SQLite file (what survives, independent of the relay). */
import Database from "better-sqlite3";
import { join } from "node:path";
import * as Y from "yjs";

export function storedRows(dataDir: string, docName: string): Uint8Array[] {
  const db = new Database(join(dataDir, "quire.sqlite"), { readonly: true });
  try {
    const rows = db.prepare("SELECT data FROM updates WHERE doc = ? ORDER BY seq").all(docName) as { data: Buffer }[];
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    db.close();
  }
}

export function storedDoc(dataDir: string, docName: string): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  for (const row of storedRows(dataDir, docName)) Y.applyUpdate(doc, row);
  return doc;
}
