/**
 * DocReplica's lifecycle (ReplicaLifecycle) driven by real events: a real relay process, real
 * `ws` sockets, an IndexedDB per simulated device. The transition table itself is tested in
 * ReplicaLifecycle.test.ts; here, that each event lands the replica in the right state.
 */
import "fake-indexeddb/auto";
import { CloseCode } from "@quire/core";
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, eventually } from "./test-devices.ts";

let n = 0;
const newDocName = () => `wtestlifecy/d${String(n++).padStart(10, "0")}`;

function replica(docName: string, options: { start?: boolean; token?: string } = {}): { replica: DocReplica; opened: string[] } {
  const device = createDevice();
  const handle = new DocReplica({
    docName,
    relayUrl: relay.syncUrl,
    token: options.token ?? relay.token({ workspace: "wtestlifecy", name: "Ana" }),
    start: options.start ?? false,
    disableBc: true,
    indexedDB: device.indexedDB,
    WebSocketPolyfill: device.WebSocketPolyfill,
  });
  return { replica: handle, opened: device.opened };
}

const relay = useRelay();

describe("DocReplica lifecycle against a real relay", { timeout: 60_000 }, () => {
  it("idle → loading → syncing ⇄ offline → destroyed", async () => {
    const { replica: a } = replica(newDocName());
    expect(a.state).toBe("idle");
    a.start();
    expect(a.state).toBe("loading");
    a.start(); // idempotent
    await a.whenLoaded;
    expect(a.state).toBe("syncing");
    await eventually(() => a.connection() === "online", "online");
    a.goOffline();
    expect(a.state).toBe("offline");
    expect(a.connection()).toBe("offline");
    a.reconnectNow();
    expect(a.state).toBe("syncing");
    await eventually(() => a.connection() === "online", "online again");
    await a.close();
    expect(a.state).toBe("destroyed");
    expect(a.isReleased).toBe(true);
    a.start(); // a destroyed replica never starts again
    expect(a.state).toBe("destroyed");
  });

  it("the browser going offline while the device copy loads ends loading in offline, with no socket", async () => {
    const { replica: a, opened } = replica(newDocName());
    a.start();
    a.goOffline();
    expect(a.state).toBe("loading");
    await a.whenLoaded;
    expect(a.state).toBe("offline");
    await new Promise((r) => setTimeout(r, 200));
    expect(opened).toEqual([]);
    a.reconnectNow();
    expect(a.state).toBe("syncing");
    await eventually(() => a.connection() === "online", "online");
    await a.close();
  });

  it("a refused token makes it unavailable with the refusal shown; a new token brings it back to syncing", async () => {
    const name = newDocName();
    const { replica: a } = replica(name, { start: true, token: "not-a-token" });
    await eventually(() => a.state === "unavailable", "refused");
    expect(a.lastCloseCode).toBe(CloseCode.Unauthorized);
    expect(a.saveState().error).toMatch(/refused your access token/);
    a.setToken(relay.token({ workspace: "wtestlifecy", name: "Ana" }));
    expect(a.state).toBe("syncing");
    await eventually(() => a.connection() === "online", "online with the new token");
    expect(a.saveState().error).toBeUndefined();
    await a.close();
    expect(a.state).toBe("destroyed");
  });

  it("a message the relay refuses (4400) makes it unavailable with an error, not offline with changes pending", async () => {
    const { replica: a } = replica(newDocName(), { start: true });
    await eventually(() => a.connection() === "online", "online");
    // An unknown sync message type: the relay closes with 4400 and y-websocket gives up for good.
    a.provider.ws?.send(new Uint8Array([0, 9]));
    a.doc.getText("t").insert(0, "kept on the device");
    await eventually(() => a.lastCloseCode === CloseCode.BadMessage, "closed with 4400");
    expect(a.state).toBe("unavailable");
    expect(a.saveState().error).toMatch(/refused a change from this device/);
    await a.close();
  });

  it("close() before start() goes straight to destroyed and whenLoaded resolves", async () => {
    const { replica: a } = replica(newDocName());
    await a.close();
    expect(a.state).toBe("destroyed");
    await a.whenLoaded;
  });
});
