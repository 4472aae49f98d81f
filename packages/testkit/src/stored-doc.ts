/**
 * @module stored-doc
 * The one stored-doc reader of the test kit: what a relay's data dir holds for a doc (rows,
 * the doc they rebuild, provenance, checkpoints), read through the SQLite adapter's
 * read-only StoredDocsReader, never by SQL in a test. Works while the relay runs or after it died.
 */
import { readStoredDocs } from "@quire/storage-sqlite";
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import * as Y from "yjs";

/** The stored rows of `docName`, oldest first. */
export function storedRows(dataDir: string, docName: string): Uint8Array[] {
  return readStoredDocs(dataDir, (reader) => reader.rows(docName));
}

/** The doc the stored rows rebuild (applied one by one, gc off, as the relay does). */
export function storedDoc(dataDir: string, docName: string): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  for (const row of storedRows(dataDir, docName)) Y.applyUpdate(doc, row);
  return doc;
}

/** Names of the docs with stored rows, sorted. */
export function storedDocNames(dataDir: string): string[] {
  return readStoredDocs(dataDir, (reader) => reader.docs());
}

/** Bytes of the stored rows of every doc in `workspace`. */
export function storedWorkspaceBytes(dataDir: string, workspace: string): number {
  return readStoredDocs(dataDir, (reader) => reader.rowBytes(`${workspace}/`));
}

export function storedProvenance(dataDir: string, docName: string): ProvenanceRecord[] {
  return readStoredDocs(dataDir, (reader) => reader.provenance(docName));
}

export function storedCheckpoints(dataDir: string, docName: string): Checkpoint[] {
  return readStoredDocs(dataDir, (reader) => reader.checkpoints(docName));
}
