/**
 * @module saved-indexes
 * Where the search worker keeps each workspace's index between visits: IndexedDB database
 * `quire-search`, one string per key (workspace + this person's device copies). Losing it
 * costs a re-index, never data, so every failure here reads as "nothing saved".
 */
const DB_NAME = "quire-search";
const STORE = "indexes";

function open(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error);
  });
}

/** The saved string, or undefined (none, or unreadable storage). */
export async function loadSavedIndex(key: string, factory: IDBFactory = indexedDB): Promise<unknown> {
  try {
    const db = await open(factory);
    try {
      return await new Promise((resolve, reject) => {
        const get = db.transaction(STORE, "readonly").objectStore(STORE).get(key);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/** Saves `value`; false when the browser refused (quota): the index is rebuilt next visit. */
export async function saveIndex(key: string, value: string, factory: IDBFactory = indexedDB): Promise<boolean> {
  try {
    const db = await open(factory);
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, "readwrite");
        tx.objectStore(STORE).put(value, key);
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
