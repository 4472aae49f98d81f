/**
 * @module idb-inspect
 * Reads a y-indexeddb-format database directly (rows and bytes in its `updates` store), to
 * see what a persistence layer really left on the device, independent of its own bookkeeping.
 */

export interface IdbFootprint {
  rows: number;
  bytes: number;
}

export function idbFootprint(factory: IDBFactory, name: string): Promise<IdbFootprint> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("updates")) {
        db.close();
        resolve({ rows: 0, bytes: 0 });
        return;
      }
      // A transaction on the store queues behind every write already issued to it.
      const tx = db.transaction(["updates"], "readonly");
      const all = tx.objectStore("updates").getAll();
      tx.oncomplete = () => {
        db.close();
        const rows = all.result as Uint8Array[];
        resolve({ rows: rows.length, bytes: rows.reduce((sum, row) => sum + row.byteLength, 0) });
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
