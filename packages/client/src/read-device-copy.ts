/**
 * @module read-device-copy
 * Reads a document's whole device copy in one readonly transaction: every stored update row
 * and the save-tracking value stored beside them.
 */
import { CUSTOM, SYNC_STATE_KEY, UPDATES } from "./open-device-database.ts";

export interface DeviceCopy {
  /** The stored rows as found (untrusted: a row may not be bytes, or may not decode). */
  rows: unknown[];
  /** The value under {@link SYNC_STATE_KEY} (untrusted: validate before use). */
  syncState: unknown;
}

/** Rejects with the error when the read fails or is aborted. */
export function readDeviceCopy(db: IDBDatabase): Promise<DeviceCopy> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES, CUSTOM], "readonly");
    const all = tx.objectStore(UPDATES).getAll();
    const meta = tx.objectStore(CUSTOM).get(SYNC_STATE_KEY);
    tx.oncomplete = () => resolve({ rows: all.result as unknown[], syncState: meta.result });
    tx.onabort = () => reject(tx.error ?? new Error("reading the device copy was aborted"));
  });
}
