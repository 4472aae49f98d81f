/**
 * @module open-device-database
 * Opens a document's IndexedDB database in y-indexeddb's layout (object stores `updates`,
 * autoIncrement, and `custom`), creating or adding the stores when they are missing.
 */
/** One Yjs update per row, keys ascending in write order. */
export const UPDATES = "updates";
/** Small named values (our save-tracking state). */
export const CUSTOM = "custom";
/** Key in `custom` of the save-tracking state written beside each update. */
export const SYNC_STATE_KEY = "quire:sync-state";

/** Opens `name` with our stores; `version` only for the upgrade that adds missing stores. */
export function openDeviceDatabase(name: string, factory: IDBFactory | undefined, version?: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    if (!factory) return reject(new Error("IndexedDB is not available in this browser"));
    const request = version === undefined ? factory.open(name) : factory.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(UPDATES)) db.createObjectStore(UPDATES, { autoIncrement: true });
      if (!db.objectStoreNames.contains(CUSTOM)) db.createObjectStore(CUSTOM);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).then((db) => {
    // A database of this name without our stores (made by other code): add them in an upgrade.
    if (version === undefined && (!db.objectStoreNames.contains(UPDATES) || !db.objectStoreNames.contains(CUSTOM))) {
      const next = db.version + 1;
      db.close();
      return openDeviceDatabase(name, factory, next);
    }
    return db;
  });
}
