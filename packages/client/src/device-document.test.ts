import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDeviceDocument } from "./device-document.ts";
import { DeviceStore } from "./DeviceStore.ts";

let counter = 0;
const uniqueName = () => `wdevdoc${Date.now().toString(36)}/d${(counter++).toString().padStart(10, "0")}`;

describe("readDeviceDocument (exports read documents from the device, offline)", () => {
  it("returns what the device copy holds, written by the DeviceStore", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(name, doc);
    await store.whenLoaded;
    doc.getText("t").insert(0, "hello ");
    doc.getText("t").insert(6, "device");
    await store.destroy();
    const read = await readDeviceDocument({}, name);
    expect(read.getText("t").toString()).toBe("hello device");
  });

  it("reads a later person's own copy on a shared computer (#deviceKey)", async () => {
    const name = uniqueName();
    const doc = new Y.Doc();
    const store = new DeviceStore(`${name}#k1`, doc);
    await store.whenLoaded;
    doc.getText("t").insert(0, "Ben's copy");
    await store.destroy();
    expect((await readDeviceDocument({ deviceKey: "k1" }, name)).getText("t").toString()).toBe("Ben's copy");
    expect((await readDeviceDocument({}, name)).getText("t").toString()).toBe("");
  });

  it("gives an empty doc for a document not on this device, and creates no database", async () => {
    const name = uniqueName();
    const read = await readDeviceDocument({}, name);
    expect(read.getText("t").toString()).toBe("");
    const names = (await indexedDB.databases()).map((info) => info.name);
    expect(names).not.toContain(name);
  });

  it("skips a stored row that is not a Yjs update instead of failing the whole read", async () => {
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
        tx.objectStore("updates").add(new Uint8Array([255, 255, 255, 1]));
        tx.objectStore("updates").add("not bytes");
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    expect((await readDeviceDocument({}, name)).getText("t").toString()).toBe("kept");
  });
});
