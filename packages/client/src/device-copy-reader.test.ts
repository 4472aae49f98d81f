import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { deviceCopyFingerprint, existingDatabases, readDeviceCopyDoc } from "./device-copy-reader.ts";
import { DeviceStore } from "./DeviceStore.ts";
import { openDeviceDatabase, UPDATES } from "./open-device-database.ts";

let counter = 0;
const uniqueName = () => `wreader${(counter++).toString().padStart(4, "0")}/d0000000001`;

describe("device copy reader", () => {
  it("reads what a DeviceStore wrote, and its fingerprint changes with every write", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc);
    await store.whenLoaded;
    doc.getText("t").insert(0, "hello");
    await store.whenIdle();
    const first = await deviceCopyFingerprint(name, indexedDB);
    const read = await readDeviceCopyDoc(name, indexedDB);
    expect(read?.doc.getText("t").toString()).toBe("hello");
    expect(read?.fingerprint).toBe(first);
    expect(await deviceCopyFingerprint(name, indexedDB)).toBe(first);
    doc.getText("t").insert(5, " world");
    await store.whenIdle();
    const second = await deviceCopyFingerprint(name, indexedDB);
    expect(second).not.toBe(first);
    expect((await readDeviceCopyDoc(name, indexedDB))?.doc.getText("t").toString()).toBe("hello world");
    // The writer keeps writing while the reader has looked (the reader closed its connection).
    doc.getText("t").insert(0, ">");
    await store.whenIdle();
    expect((await readDeviceCopyDoc(name, indexedDB))?.doc.getText("t").toString()).toBe(">hello world");
    store.destroy();
  });

  it("reads a missing copy as null and does not create it", async () => {
    const name = uniqueName();
    expect(await deviceCopyFingerprint(name, indexedDB)).toBeNull();
    expect(await readDeviceCopyDoc(name, indexedDB)).toBeNull();
    expect((await existingDatabases(indexedDB)).has(name)).toBe(false);
  });

  it("skips rows that are not updates and reads the rest", async () => {
    const name = uniqueName();
    const db = await openDeviceDatabase(name, indexedDB);
    const source = new Y.Doc();
    source.getText("t").insert(0, "kept");
    await new Promise<void>((resolve) => {
      const tx = db.transaction(UPDATES, "readwrite");
      tx.objectStore(UPDATES).add("not bytes");
      tx.objectStore(UPDATES).add(new Uint8Array([1, 2, 3, 250, 250]));
      tx.objectStore(UPDATES).add(Y.encodeStateAsUpdate(source));
      tx.oncomplete = () => resolve();
    });
    db.close();
    const read = await readDeviceCopyDoc(name, indexedDB);
    expect(read?.doc.getText("t").toString()).toBe("kept");
    expect(read?.badRows).toBe(2);
  });
});
