import "fake-indexeddb/auto";
import { IndexeddbPersistence } from "y-indexeddb";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DeviceStore, SYNC_STATE_KEY } from "./DeviceStore.ts";
import { StorageMonitor } from "./StorageMonitor.ts";

let counter = 0;
const uniqueName = () => `wtest${Date.now().toString(36)}/d${(counter++).toString().padStart(10, "0")}`;

function rawCount(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction("updates").objectStore("updates").count();
      request.onsuccess = () => {
        db.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    };
    open.onerror = () => reject(open.error);
  });
}

async function loadText(name: string): Promise<string> {
  const doc = new Y.Doc();
  const store = new DeviceStore(name, doc);
  await store.whenLoaded;
  const text = doc.getText("t").toString();
  await store.destroy();
  return text;
}

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
    const again = new DeviceStore(name, new Y.Doc());
    await again.whenLoaded;
    expect(again.doc.getText("t").toString()).toBe("typed before the database opened; and after");
    expect(again.storedSyncState).toEqual({ marker: 7 });
    await again.destroy();
  });

  it("writes y-indexeddb's format both ways", async () => {
    const ours = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(ours, doc);
    await store.whenLoaded;
    doc.getText("t").insert(0, "written by DeviceStore");
    await store.destroy();
    const theirs = new IndexeddbPersistence(ours, new Y.Doc());
    await theirs.whenSynced;
    expect(theirs.doc.getText("t").toString()).toBe("written by DeviceStore");
    theirs.doc.getText("t").insert(0, ">");
    await new Promise((r) => setTimeout(r, 50)); // y-indexeddb gives no write completion signal.
    await theirs.destroy();
    expect(await loadText(ours)).toBe(">written by DeviceStore");
  });

  it("stays bounded: merges rows while editing and does not grow on reload", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc, { compactAfterRows: 20 });
    await store.whenLoaded;
    for (let i = 0; i < 200; i++) {
      doc.getText("t").insert(doc.getText("t").length, String(i % 10));
      if (i % 25 === 0) await store.whenIdle();
    }
    await store.whenIdle();
    await store.compact();
    await store.destroy();
    const rows = await rawCount(name);
    expect(rows).toBeLessThanOrEqual(20);
    const expected = Array.from({ length: 200 }, (_, i) => String(i % 10)).join("");
    for (let reload = 0; reload < 10; reload++) expect(await loadText(name)).toBe(expected);
    expect(await rawCount(name)).toBe(rows);
  });

  it("writes a burst of updates as one row, and pagehide's flush writes what is still queued", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc);
    await store.whenLoaded;
    for (let i = 0; i < 300; i++) doc.getText("t").insert(i, String(i % 10));
    expect(store.pending()).toBe(300);
    store.flush(); // synchronously turns the queue into one transaction
    expect(store.pending()).toBe(1);
    await store.whenIdle();
    expect(await rawCount(name)).toBe(1);
    await store.destroy();
    expect(await loadText(name)).toBe(Array.from({ length: 300 }, (_, i) => String(i % 10)).join(""));
  });

  it("skips an unreadable row, reports it, and loads the rest", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc);
    await store.whenLoaded;
    doc.getText("t").insert(0, "kept");
    await store.destroy();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const tx = open.result.transaction("updates", "readwrite");
        tx.objectStore("updates").add(new Uint8Array([255, 255, 255, 1, 2]));
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const errors: unknown[] = [];
    const reloaded = new DeviceStore(name, new Y.Doc(), { onError: (e) => errors.push(e) });
    await reloaded.whenLoaded;
    expect(reloaded.doc.getText("t").toString()).toBe("kept");
    expect(errors).toHaveLength(1);
    expect(reloaded.error).toMatch(/damaged and skipped/);
    await reloaded.destroy();
  });

  it("reports a failed write instead of losing it silently, and clears once writes work", async () => {
    const name = uniqueName();
    // A database whose `updates` store cannot take our rows (no key generator): every add fails.
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore("updates");
        open.result.createObjectStore("custom");
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    });
    const monitor = new StorageMonitor({ storage: null });
    const errors: unknown[] = [];
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc, {
      onError: (e) => {
        errors.push(e);
        StorageMonitor.broadcastWriteError(e);
      },
    });
    await store.whenLoaded;
    doc.getText("t").insert(0, "lost?");
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
    const name = uniqueName();
    // `updates` without a key generator refuses every row; `custom` still takes the sync state,
    // like a nearly full device that refuses a big paste but still takes small writes.
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore("updates");
        open.result.createObjectStore("custom");
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    });
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc, { syncState: () => ({ marker: 1 }) });
    await store.whenLoaded;
    doc.getText("t").insert(0, "refused paste");
    await store.whenIdle();
    expect(store.error).toMatch(/Saving on this device failed/);
    store.writeSyncState();
    await store.whenIdle();
    expect(store.error).toMatch(/Saving on this device failed/);
    await store.destroy();
  });

  it("stores the sync state beside each update in one transaction", async () => {
    const name = uniqueName();
    let n = 0;
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc, { syncState: () => ({ n: ++n }) });
    await store.whenLoaded;
    doc.getText("t").insert(0, "a");
    doc.getText("t").insert(0, "b");
    store.flush(); // What pagehide does: write what is queued and commit now.
    await store.destroy();
    const reloaded = new DeviceStore(name, new Y.Doc());
    await reloaded.whenLoaded;
    // Both edits went in one write (coalesced); the value stored is the one read for it.
    expect(n).toBeGreaterThan(0);
    expect(reloaded.storedSyncState).toEqual({ n });
    expect(reloaded.doc.getText("t").toString()).toBe("ba");
    expect(SYNC_STATE_KEY).toBe("quire:sync-state");
    await reloaded.destroy();
  });

  it("adds its stores to an existing database of the same name that lacks them", async () => {
    const name = uniqueName();
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name, 3);
      open.onupgradeneeded = () => open.result.createObjectStore("something-else");
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    });
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc);
    await store.whenLoaded;
    expect(store.error).toBeNull();
    doc.getText("t").insert(0, "saved anyway");
    await store.destroy();
    expect(await loadText(name)).toBe("saved anyway");
  });
});
