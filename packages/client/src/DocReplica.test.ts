import "fake-indexeddb/auto";
import { connectStockClient, readWithStockClient, useRelay, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";

let n = 0;
const newDocName = () => `wtestdocrep/d${String(n++).padStart(10, "0")}`;

function replica(device: Device, docName: string, start = true): DocReplica {
  return new DocReplica({
    docName,
    relayUrl: relay.syncUrl,
    token: relay.token({ workspace: "wtestdocrep", name: "Ana" }),
    start,
    disableBc: true,
    indexedDB: device.indexedDB,
    WebSocketPolyfill: device.WebSocketPolyfill,
  });
}

const relayText = (docName: string) => readWithStockClient(relay.syncUrl, docName, relay.token({ doc: docName }), (doc) => doc.getText("t").toString());

const relay = useRelay();

describe("DocReplica against a real relay", { timeout: 90_000 }, () => {
  it("shows 'saved on the relay' only after the relay's ack, and the relay really has it (even after SIGKILL)", async () => {
    const device = createDevice();
    const name = newDocName();
    const a = replica(device, name);
    await a.whenLoaded;
    await eventually(() => a.saveState().relay === "saved", "initial sync");
    a.doc.getText("t").insert(0, "Photosynthesis needs light.");
    // The update has been sent but cannot have been acked synchronously.
    expect(a.saveState()).toMatchObject({ relay: "pending", pendingChanges: 1 });
    await eventually(() => a.saveState().relay === "saved", "ack of the edit");
    expect(a.saveState()).toMatchObject({ device: "saved", relay: "saved", pendingChanges: 0 });
    await relay.kill("SIGKILL");
    await relay.restart();
    expect(await relayText(name)).toBe("Photosynthesis needs light.");
    await a.close();
  });

  it("counts offline changes, keeps them across a reload, and confirms them after reconnecting", async () => {
    const device = createDevice();
    const name = newDocName();
    const first = replica(device, name);
    await first.whenLoaded;
    await eventually(() => first.connection() === "online", "online");
    await relay.kill("SIGTERM"); // stop() would delete its data dir (and secret)
    await eventually(() => first.connection() === "offline", "offline");
    const text = first.doc.getText("t");
    text.insert(0, "Written on the bus. ");
    text.insert(text.length, "Still offline.");
    text.delete(0, 8); // Delete-only change: no clock advance.
    expect(first.saveState()).toMatchObject({ device: "saved", relay: "offline", pendingChanges: 3 });
    await first.close();

    // "Reload" while still offline: content and the count come back from the device.
    const second = replica(device, name);
    await second.whenLoaded;
    expect(second.doc.getText("t").toString()).toBe("on the bus. Still offline.");
    expect(second.saveState().pendingChanges).toBe(3);
    await relay.restart();
    await eventually(() => second.saveState().relay === "saved", "confirmation after reconnect");
    expect(second.saveState().pendingChanges).toBe(0);
    expect(await relayText(name)).toBe("on the bus. Still offline.");
    await second.close();
  });

  it("never opens a socket before the device copy is applied, and merges it with the relay's copy", async () => {
    const device = createDevice();
    const name = newDocName();
    const writer = replica(device, name);
    await writer.whenLoaded;
    writer.doc.getText("t").insert(0, "device copy");
    await eventually(() => writer.saveState().relay === "saved", "first copy acked");
    await writer.close();
    // Someone else edits on the relay meanwhile.
    const other = connectStockClient(relay.syncUrl, name, relay.token({ doc: name }));
    await waitSynced(other.provider, 20_000);
    other.doc.getText("t").insert(0, "relay edit + ");
    await eventually(async () => (await relayText(name)).startsWith("relay edit"), "other's edit stored");
    other.destroy();

    const socketsBefore = device.opened.length;
    const reopened = replica(device, name, false);
    reopened.on("sync", (synced) => {
      // The first sync event is the device copy: no socket for this doc may exist yet.
      if (synced && reopened.doc.getText("t").toString() === "device copy") {
        expect(device.opened.slice(socketsBefore)).toEqual([]);
      }
    });
    expect(reopened.doc.getText("t").toString()).toBe(""); // Empty until the editor connects.
    reopened.start(); // What the editor binding does once it observes the doc.
    await reopened.whenLoaded;
    await eventually(() => reopened.doc.getText("t").toString() === "relay edit + device copy", "merge");
    expect(reopened.saveState().pendingChanges).toBe(0); // Remote changes are never "pending".
    await eventually(() => reopened.saveState().relay === "saved", "saved");
    await reopened.close();
  });

  it("counts edits bridged in from a mirror doc (the editor's) as local", async () => {
    const device = createDevice();
    const name = newDocName();
    const handle = replica(device, name);
    await handle.whenLoaded;
    await eventually(() => handle.saveState().relay === "saved", "synced");
    await relay.kill("SIGTERM"); // stop() would delete its data dir (and secret)
    await eventually(() => handle.connection() === "offline", "offline");
    const { Doc, applyUpdate } = await import("yjs");
    const mirror = new Doc({ gc: false });
    mirror.clientID = handle.doc.clientID;
    mirror.on("update", (update: Uint8Array) => applyUpdate(handle.doc, update, "bridge"));
    const id = handle.doc.clientID;
    mirror.getText("t").insert(0, "typed in the editor");
    expect(handle.saveState()).toMatchObject({ relay: "offline", pendingChanges: 1 });
    expect(handle.doc.clientID).toBe(id); // Yjs would otherwise switch ids ("another client uses it").
    expect(handle.awareness.clientID).toBe(id);
    await relay.restart();
    await eventually(() => handle.saveState().relay === "saved", "confirmed").catch((e) => {
      throw new Error(`${e} ${JSON.stringify(handle.saveState())} ${handle.connection()} ${JSON.stringify(handle.tracker.persisted())} acks=${handle.tracker.acks()}`);
    });
    await handle.close();
  });

  it("drops the socket as soon as the browser says offline, and reconnects at once when online", async () => {
    const device = createDevice();
    const name = newDocName();
    const handle = replica(device, name);
    await eventually(() => handle.connection() === "online", "online");
    handle.goOffline();
    expect(handle.connection()).toBe("offline");
    await eventually(() => (device.open.get(name) ?? 0) === 0, "socket closed");
    handle.doc.getText("t").insert(0, "typed while offline");
    expect(handle.saveState()).toMatchObject({ relay: "offline", pendingChanges: 1 });
    handle.reconnectNow();
    await eventually(() => handle.saveState().relay === "saved", "saved after the browser came back");
    expect(await relayText(name)).toBe("typed while offline");
    await handle.close();
  });

  it("never seeds content: two new devices opening a new doc leave it empty", async () => {
    const name = newDocName();
    const a = replica(createDevice(), name);
    const b = replica(createDevice(), name);
    await eventually(() => a.saveState().relay === "saved" && b.saveState().relay === "saved", "both synced");
    for (const r of [a, b]) {
      expect(r.doc.share.size === 0 || [...r.doc.share.values()].every((type) => type._length === 0)).toBe(true);
      expect(r.doc.store.clients.size).toBe(0);
    }
    await a.close();
    await b.close();
  });
});
