/**
 * @module device-copy-reader
 * Reads a document's device copy without taking part in writing it: a cheap fingerprint (has
 * it changed since I last looked?) and the document as stored. Used by the search index's worker, which runs beside the tabs that write the copies.
 *
 * Invariants:
 * - Never creates a database: a doc with no device copy yet reads as null (opening a missing
 *   name would create an empty one, racing the DeviceStore that is about to create it).
 * - Never blocks a writer: the connection closes right after the read and on `versionchange`.
 * - Rows are untrusted: a row that is not bytes or does not decode is skipped, as DeviceStore
 *   does when it loads, so one bad row never hides the rest of the document.
 */
import * as Y from "yjs";
import { CUSTOM, UPDATES } from "./open-device-database.ts";
import { readDeviceCopy } from "./read-device-copy.ts";

export interface DeviceCopyDoc {
  /** Changes whenever a row is added or the copy is compacted: `<rows>:<last key>`. */
  fingerprint: string;
  doc: Y.Doc;
  /** Rows that could not be read (skipped). */
  badRows: number;
}

/** Names of the device copies (and other databases) this origin has. */
export async function existingDatabases(factory: IDBFactory): Promise<Set<string>> {
  const list = await factory.databases();
  return new Set(list.map((d) => d.name).filter((n): n is string => typeof n === "string"));
}

/** The copy's fingerprint, or null when `name` has no copy (or no readable stores). */
export async function deviceCopyFingerprint(name: string, factory: IDBFactory): Promise<string | null> {
  const db = await openExisting(name, factory);
  if (!db) return null;
  try {
    return await fingerprintOf(db);
  } finally {
    db.close();
  }
}

/** The stored document with its fingerprint, or null when `name` has no copy. */
export async function readDeviceCopyDoc(name: string, factory: IDBFactory): Promise<DeviceCopyDoc | null> {
  const db = await openExisting(name, factory);
  if (!db) return null;
  try {
    const fingerprint = await fingerprintOf(db);
    const { rows } = await readDeviceCopy(db);
    const doc = new Y.Doc({ gc: false });
    let badRows = 0;
    Y.transact(doc, () => {
      for (const row of rows) {
        if (!(row instanceof Uint8Array)) {
          badRows++;
          continue;
        }
        try {
          Y.applyUpdate(doc, row);
        } catch {
          badRows++;
        }
      }
    });
    return { fingerprint, doc, badRows };
  } finally {
    db.close();
  }
}

function openExisting(name: string, factory: IDBFactory): Promise<IDBDatabase | null> {
  return existingDatabases(factory).then(
    (names) =>
      new Promise<IDBDatabase | null>((resolve, reject) => {
        if (!names.has(name)) return resolve(null);
        const request = factory.open(name);
        // Deleted between the listing and the open: do not leave an empty database behind.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => {
          const db = request.result;
          db.onversionchange = () => db.close();
          if (!db.objectStoreNames.contains(UPDATES) || !db.objectStoreNames.contains(CUSTOM)) {
            db.close();
            resolve(null);
          } else resolve(db);
        };
        request.onerror = () => (request.error?.name === "AbortError" ? resolve(null) : reject(request.error));
      }),
  );
}

function fingerprintOf(db: IDBDatabase): Promise<string> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(UPDATES, "readonly");
    const store = tx.objectStore(UPDATES);
    const count = store.count();
    const last = store.openKeyCursor(null, "prev");
    tx.oncomplete = () => resolve(`${count.result}:${String(last.result?.key ?? "")}`);
    tx.onabort = () => reject(tx.error ?? new Error("reading the device copy was aborted"));
  });
}
