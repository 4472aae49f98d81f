/**
 * @module device-document
 * A document as this device holds it, read without opening a replica: no socket, no
 * presence, no writes — what a whole-workspace export needs, offline included. Rows are
 * untrusted (another version of the app, a damaged store): a row that is not bytes or does
 * not decode is skipped rather than failing the whole read.
 */
import * as Y from "yjs";
import { deviceCopyName } from "./device-copy-name.ts";
import type { Membership } from "./membership.ts";
import { CUSTOM, UPDATES } from "./open-device-database.ts";
import { readDeviceCopy } from "./read-device-copy.ts";

/** A Yjs doc with everything `m`'s device copy of `docName` holds (empty when there is none). */
export async function readDeviceDocument(m: Pick<Membership, "deviceKey">, docName: string, factory: IDBFactory = globalThis.indexedDB): Promise<Y.Doc> {
  const doc = new Y.Doc({ gc: false });
  const db = await openExisting(deviceCopyName(m, docName), factory);
  if (db === null) return doc;
  try {
    const { rows } = await readDeviceCopy(db);
    for (const row of rows) {
      if (!(row instanceof Uint8Array)) continue;
      try {
        Y.applyUpdate(doc, row);
      } catch {
        // A row that does not decode: the rest of the document is still worth exporting.
      }
    }
  } finally {
    db.close();
  }
  return doc;
}

/** Opens a device copy only if it exists with our stores (never creates one). */
function openExisting(name: string, factory: IDBFactory): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    request.onupgradeneeded = () => {
      request.transaction?.abort(); // Not on this device: do not create it.
      resolve(null);
    };
    request.onerror = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      if (db.objectStoreNames.contains(UPDATES) && db.objectStoreNames.contains(CUSTOM)) return resolve(db);
      db.close();
      resolve(null);
    };
  });
}
