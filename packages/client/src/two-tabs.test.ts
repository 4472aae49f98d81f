/**
 * Two tabs of one doc on one device (one IndexedDB, one BroadcastChannel name), each with its
 * own DocReplica and socket to a real relay: the save state each tab shows is honest about the
 * edits it got from the other, and an edit the other tab made is sent to the relay by it, not
 * twice — unless that tab left before the relay confirmed it.
 */
import "fake-indexeddb/auto";
import { readWithStockClient, useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";

// Random: Node's BroadcastChannel reaches every test worker of this process.
const run = Math.random().toString(36).slice(2, 8);
let n = 0;
const newDocName = () => `wtesttabs0/d${run}${String(n++).padStart(4, "0")}`;

function tab(device: Device, docName: string): DocReplica {
  return new DocReplica({
    docName,
    relayUrl: relay.syncUrl,
    token: relay.token({ workspace: "wtesttabs0", name: "Ana" }),
    start: true,
    indexedDB: device.indexedDB,
    WebSocketPolyfill: device.WebSocketPolyfill,
  });
}

/** Counts the Yjs updates (`[0, 2, …]`) the replica's current socket sends from now on. */
function countSentUpdates(replica: DocReplica): () => number {
  const ws = replica.provider.ws;
  if (!ws) throw new Error("no socket");
  let count = 0;
  const send = ws.send.bind(ws);
  ws.send = (data: Parameters<WebSocket["send"]>[0]) => {
    if (data instanceof Uint8Array && data[0] === 0 && data[1] === 2) count++;
    send(data);
  };
  return () => count;
}

const relayText = (docName: string) => readWithStockClient(relay.syncUrl, docName, relay.token({ doc: docName }), (doc) => doc.getText("t").toString());

const relay = useRelay();

describe("two tabs of one doc", { timeout: 90_000 }, () => {
  it("the other tab counts an edit as waiting, does not send it, and takes the sending tab's ack", async () => {
    const device = createDevice();
    const name = newDocName();
    const a = tab(device, name);
    const b = tab(device, name);
    await eventually(() => a.saveState().relay === "saved" && b.saveState().relay === "saved", "both tabs online");
    const updatesSentByB = countSentUpdates(b);
    a.goOffline(); // so the edit waits: tab B must neither send it nor call it saved
    a.doc.getText("t").insert(0, "Tab A writes.");
    await eventually(() => b.doc.getText("t").toString() === "Tab A writes.", "tab B shows tab A's edit");
    await new Promise((r) => setTimeout(r, 500));
    expect(b.saveState()).toMatchObject({ relay: "pending", pendingChanges: 1 });
    a.reconnectNow();
    await eventually(() => a.saveState().relay === "saved" && b.saveState().relay === "saved", "both tabs saved");
    expect(b.saveState().pendingChanges).toBe(0);
    expect(updatesSentByB()).toBe(0);
    expect(await relayText(name)).toBe("Tab A writes.");
    await Promise.all([a.close(), b.close()]);
  });

  it("an edit whose tab left before the relay had it is sent by the tab still open", async () => {
    const device = createDevice();
    const name = newDocName();
    const a = tab(device, name);
    const b = tab(device, name);
    await eventually(() => a.saveState().relay === "saved" && b.saveState().relay === "saved", "both tabs online");
    a.goOffline(); // tab A's socket is gone; tab B's is open
    a.doc.getText("t").insert(0, "Written while tab A had no socket.");
    await eventually(() => b.doc.getText("t").toString() === "Written while tab A had no socket.", "tab B shows it");
    // Tab B does not send tab A's edit (tab A will), and does not claim the relay has it.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(b.saveState()).toMatchObject({ relay: "pending" });
    expect(b.saveState().pendingChanges).toBeGreaterThan(0);
    expect(await relayText(name)).toBe("");

    await a.close(); // tab A goes away without ever reconnecting
    await eventually(() => b.saveState().relay === "saved", "tab B sent and the relay confirmed it");
    expect(await relayText(name)).toBe("Written while tab A had no socket.");
    await b.close();
  });
});
