import "fake-indexeddb/auto";
import { IndexeddbPersistence } from "y-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { DeviceStore, type DeviceStoreOptions, SYNC_STATE_KEY } from "./DeviceStore.ts";
import { StorageMonitor } from "./StorageMonitor.ts";

let counter = 0;
const uniqueName = () => `wtest${Date.now().toString(36)}/d${(counter++).toString().padStart(10, "0")}`;
const nextTask = () => new Promise((r) => setTimeout(r, 0));
const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i % 10)).join("");

/** A store on a fresh doc (or `name`), loaded, with the text it edits. */
async function openStore(options: DeviceStoreOptions = {}, name = uniqueName()) {
  const doc = new Y.Doc();
  const store = new DeviceStore(name, doc, options);
  await store.whenLoaded;
  return { name, doc, text: doc.getText("t"), store };
}

/** Creates database `name` at `version` with whatever stores `upgrade` makes (not ours). */
function createDatabase(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, version);
    open.onupgradeneeded = () => upgrade(open.result);
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

/** `updates` without a key generator refuses every row we add; `custom` still takes values. */
const refusingDatabase = (name: string) =>
  createDatabase(name, 1, (db) => {
    db.createObjectStore("updates");
    db.createObjectStore("custom");
  });

/** Runs `body` on the raw database, readwrite when asked; resolves with its result once committed. */
function raw<T>(name: string, mode: IDBTransactionMode, body: (updates: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const tx = open.result.transaction("updates", mode);
      const request = body(tx.objectStore("updates"));
      tx.oncomplete = () => {
        open.result.close();
        resolve(request.result);
      };
      tx.onabort = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

const rawCount = (name: string) => raw(name, "readonly", (updates) => updates.count());

/**
 * Keeps a readwrite transaction on `updates` busy from another connection until released, so
 * the store's writes wait in line as they do behind a slow disk or another tab's write.
 */
function occupyUpdates(name: string): Promise<{ release(): void }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      let released = false;
      const updates = open.result.transaction("updates", "readwrite").objectStore("updates");
      const keepBusy = () => {
        if (!released) updates.count().onsuccess = keepBusy;
      };
      keepBusy();
      resolve({
        release: () => {
          released = true;
          open.result.close();
        },
      });
    };
    open.onerror = () => reject(open.error);
  });
}

async function loadText(name: string): Promise<string> {
  const { text, store } = await openStore({}, name);
  const loaded = text.toString();
  await store.destroy();
  return loaded;
}

/** Counts the readwrite transactions opened from now on (the real implementation, watched). */
function watchWriteTransactions() {
  const original = IDBDatabase.prototype.transaction;
  const counts = { created: 0 };
  vi.spyOn(IDBDatabase.prototype, "transaction").mockImplementation(function (this: IDBDatabase, stores, mode, options) {
    if (mode === "readwrite") counts.created++;
    return original.call(this, stores, mode, options);
  });
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("DeviceStore", () => {
  it("keeps every change on the device and loads it back", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "typed before the database opened; ");
    const store = new DeviceStore(name, doc, { syncState: () => ({ marker: 7 }) });
    await store.whenLoaded;
    doc.getText("t").insert(doc.getText("t").length, "and after");
    expect(store.pending()).toBeGreaterThan(0);
    await store.whenIdle();
    expect(store.pending()).toBe(0);
    await store.destroy();
    const again = await openStore({}, name);
    expect(again.text.toString()).toBe("typed before the database opened; and after");
    expect(again.store.storedSyncState).toEqual({ marker: 7 });
    await again.store.destroy();
  });

  it("writes y-indexeddb's format both ways", async () => {
    const { name, text, store } = await openStore();
    text.insert(0, "written by DeviceStore");
    await store.destroy();
    const theirs = new IndexeddbPersistence(name, new Y.Doc());
    await theirs.whenSynced;
    expect(theirs.doc.getText("t").toString()).toBe("written by DeviceStore");
    theirs.doc.getText("t").insert(0, ">");
    await new Promise((r) => setTimeout(r, 50)); // y-indexeddb gives no write completion signal.
    await theirs.destroy();
    expect(await loadText(name)).toBe(">written by DeviceStore");
  });

  it("stays bounded: merges rows while editing and does not grow on reload", async () => {
    const { name, text, store } = await openStore({ compactAfterRows: 20 });
    for (let i = 0; i < 200; i++) {
      text.insert(text.length, String(i % 10));
      if (i % 25 === 0) await store.whenIdle();
    }
    await store.whenIdle();
    await store.compact();
    await store.destroy();
    const rows = await rawCount(name);
    expect(rows).toBeLessThanOrEqual(20);
    for (let reload = 0; reload < 10; reload++) expect(await loadText(name)).toBe(digits(200));
    expect(await rawCount(name)).toBe(rows);
  });

  it("writes a burst of 500 updates in one task as one transaction and one row", async () => {
    const { name, text, store } = await openStore();
    const transactions = watchWriteTransactions();
    for (let i = 0; i < 500; i++) text.insert(i, String(i % 10));
    expect(store.pending()).toBe(500); // counted as not yet on the device
    await nextTask();
    expect(transactions.created).toBe(1);
    expect(store.pending()).toBe(1); // written, not yet committed: still not "saved on device"
    await store.whenIdle();
    expect(store.pending()).toBe(0);
    expect(await rawCount(name)).toBe(1);
    await store.destroy();
    expect(await loadText(name)).toBe(digits(500));
  });

  it("keystrokes each in its own task queue at most one write behind a slow one", async () => {
    const { name, text, store } = await openStore();
    const busy = await occupyUpdates(name); // the device is slow to take our first write
    const transactions = watchWriteTransactions();
    for (let i = 0; i < 300; i++) {
      text.insert(i, String(i % 10));
      await nextTask();
    }
    expect(transactions.created).toBe(1); // the first keystroke's write, waiting on the device
    expect(store.pending()).toBe(1 + 299);
    busy.release();
    await store.whenIdle();
    expect(transactions.created).toBe(2); // the 299 that waited, as one write
    await store.destroy();
    expect(await rawCount(name)).toBe(2);
    expect(await loadText(name)).toBe(digits(300));
  });

  it("flush() (pagehide / hidden) writes what is queued at once, as one transaction", async () => {
    const { name, text, store } = await openStore();
    for (let i = 0; i < 300; i++) text.insert(i, String(i % 10));
    expect(store.pending()).toBe(300);
    store.flush(); // synchronously turns the queue into one transaction, asked to commit now
    expect(store.pending()).toBe(1);
    await store.whenIdle();
    expect(await rawCount(name)).toBe(1);
    await store.destroy();
    expect(await loadText(name)).toBe(digits(300));
  });

  it("skips an unreadable row, reports it, and loads the rest", async () => {
    const { name, text, store } = await openStore();
    text.insert(0, "kept");
    await store.destroy();
    await raw(name, "readwrite", (updates) => updates.add(new Uint8Array([255, 255, 255, 1, 2])));
    const errors: unknown[] = [];
    const reloaded = await openStore({ onError: (e) => errors.push(e) }, name);
    expect(reloaded.text.toString()).toBe("kept");
    expect(errors).toHaveLength(1);
    expect(reloaded.store.error).toMatch(/damaged and skipped/);
    await reloaded.store.destroy();
  });

  it("reports a failed write instead of losing it silently, and clears once writes work", async () => {
    const name = uniqueName();
    await refusingDatabase(name);
    const monitor = new StorageMonitor({ storage: null });
    const errors: unknown[] = [];
    const onError = (e: unknown) => {
      errors.push(e);
      StorageMonitor.broadcastWriteError(e);
    };
    const { text, store } = await openStore({ onError }, name);
    text.insert(0, "lost?");
    await store.whenIdle();
    expect(errors.length).toBeGreaterThan(0);
    expect(store.errorDetail).toMatch(/DataError/);
    expect(store.error).toMatch(/Saving on this device failed/);
    expect(monitor.status().level).toBe("error");
    expect(monitor.status().message).toMatch(/Saving on this device failed/);
    monitor.clearWriteError();
    expect(monitor.status().level).toBe("ok");
    monitor.destroy();
    await store.destroy();
  });

  it("keeps reporting a refused update while later small writes succeed (it is still not on the device)", async () => {
    // Like a nearly full device that refuses a big paste but still takes small writes.
    const name = uniqueName();
    await refusingDatabase(name);
    const { text, store } = await openStore({ syncState: () => ({ marker: 1 }) }, name);
    text.insert(0, "refused paste");
    await store.whenIdle();
    expect(store.error).toMatch(/Saving on this device failed/);
    store.writeSyncState();
    await store.whenIdle();
    expect(store.error).toMatch(/Saving on this device failed/);
    await store.destroy();
  });

  it("stores the sync state beside each update in one transaction", async () => {
    let n = 0;
    const { name, text, store } = await openStore({ syncState: () => ({ n: ++n }) });
    text.insert(0, "a");
    text.insert(0, "b");
    store.flush(); // What pagehide does: write what is queued and commit now.
    await store.destroy();
    const reloaded = await openStore({}, name);
    // Both edits went in one write (coalesced); the value stored is the one read for it.
    expect(n).toBe(1);
    expect(reloaded.store.storedSyncState).toEqual({ n: 1 });
    expect(reloaded.text.toString()).toBe("ba");
    expect(SYNC_STATE_KEY).toBe("quire:sync-state");
    await reloaded.store.destroy();
  });

  it("adds its stores to an existing database of the same name that lacks them", async () => {
    const name = uniqueName();
    await createDatabase(name, 3, (db) => db.createObjectStore("something-else"));
    const { text, store } = await openStore({}, name);
    expect(store.error).toBeNull();
    text.insert(0, "saved anyway");
    await store.destroy();
    expect(await loadText(name)).toBe("saved anyway");
  });
});
