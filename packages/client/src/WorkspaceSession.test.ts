import "fake-indexeddb/auto";
import { useRelay } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ApiClient } from "./ApiClient.ts";
import { DeviceStore } from "./DeviceStore.ts";
import type { Membership } from "./membership.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";
import { useDeviceSessions } from "./test-sessions.ts";
import { TOUCH_INTERVAL_MS } from "./WorkspaceIndex.ts";
import { WorkspaceSession } from "./WorkspaceSession.ts";

let api: ApiClient;
const sessions: WorkspaceSession[] = [];

const openSession = useDeviceSessions({
  get syncUrl() {
    return relay.syncUrl;
  },
  get httpUrl() {
    return relay.httpUrl;
  },
});
function open(membership: Membership, device: Device, concurrency?: number): WorkspaceSession {
  return openSession(membership, device, concurrency === undefined ? {} : { concurrency });
}

/** Reads a doc straight from a device's IndexedDB (no network involved). */
async function onDevice(device: Device, docName: string): Promise<string> {
  const doc = new Y.Doc();
  const store = new DeviceStore(docName, doc, { indexedDB: device.indexedDB });
  await store.whenLoaded;
  const text = doc.getText("t").toString();
  await store.destroy();
  return text;
}

async function writeDoc(session: WorkspaceSession, title: string, text: string): Promise<string> {
  const id = session.index.create(title, session.membership.user.name);
  const handle = session.openDoc(id);
  handle.start();
  await handle.whenLoaded;
  handle.doc.getText("t").insert(0, text);
  await eventually(() => handle.saveState().relay === "saved", `${title} saved on the relay`);
  handle.release();
  return id;
}

const relay = useRelay();
beforeAll(async () => {
  api = new ApiClient(relay.httpUrl);
});
afterAll(async () => {
  for (const session of sessions) session.destroy();
});

describe("WorkspaceSession against a real relay", { timeout: 120_000 }, () => {
  it("keeps every doc of the workspace on a new device with at most 2 doc sockets at once, readable offline", async () => {
    const owner = await api.createWorkspace("History 8A", "Ana");
    const a = open(owner, createDevice());
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await writeDoc(a, `Chapter ${i}`, `content of chapter ${i}`));

    const ben = await api.join(owner.joinCodes?.editor ?? "", "Ben");
    const device = createDevice();
    const b = open(ben, device);
    await eventually(() => b.index.ids().length === 7 && b.backgroundSync.pending() === 0, "background sync of 7 docs");
    expect(device.maxDocSockets()).toBeGreaterThan(0);
    expect(device.maxDocSockets()).toBeLessThanOrEqual(2);
    for (const [i, id] of ids.entries()) {
      expect(await onDevice(device, `${ben.workspace.id}/${id}`)).toBe(`content of chapter ${i}`);
    }
    expect(b.index.list().map((e) => e.title).sort()).toEqual(ids.map((_, i) => `Chapter ${i}`).sort());

    // The network goes away; a doc B never opened opens with its content.
    await relay.kill("SIGTERM");
    await eventually(() => b.connection() === "offline", "B offline");
    const never = b.openDoc(ids[3] as string);
    never.start();
    await never.whenLoaded;
    expect(never.doc.getText("t").toString()).toBe("content of chapter 3");
    expect(never.saveState()).toMatchObject({ device: "saved", pendingChanges: 0 });
    await eventually(() => never.saveState().relay === "offline", "doc shows offline");
    never.release();
    await relay.restart();
    await eventually(() => b.connection() === "online", "B back online");
  });

  it("a doc created offline appears on the other device after reconnecting, content included", async () => {
    const owner = await api.createWorkspace("Science fair", "Ana");
    const deviceA = createDevice();
    const a = open(owner, deviceA);
    const ben = await api.join(owner.joinCodes?.editor ?? "", "Ben");
    const deviceB = createDevice();
    const b = open(ben, deviceB);
    await eventually(() => a.connection() === "online" && b.connection() === "online", "both online");

    await relay.kill("SIGTERM");
    await eventually(() => a.connection() === "offline", "A offline");
    const id = a.index.create("Volcano plan", "Ana");
    const handle = a.openDoc(id);
    handle.start();
    await handle.whenLoaded;
    handle.doc.getText("t").insert(0, "baking soda + vinegar");
    expect(handle.saveState().pendingChanges).toBe(1);
    await eventually(() => handle.saveState().relay === "offline", "handle offline"); // After "connecting" fails.
    handle.release(); // Closed before the relay came back: background sync must deliver it.
    expect(b.index.get(id)).toBeUndefined();

    await relay.restart();
    await eventually(() => b.index.get(id)?.title === "Volcano plan", "B sees the new doc");
    await eventually(async () => (await onDevice(deviceB, `${ben.workspace.id}/${id}`)) === "baking soda + vinegar", "B has its content");
    await eventually(() => a.backgroundSync.pending() === 0 && b.backgroundSync.pending() === 0, "both idle");
  });

  it("refreshes an expired token when the relay refuses it, then connects and keeps the new token", async () => {
    const owner = await api.createWorkspace("Expired class", "Ana");
    const hourAgo = Math.floor(Date.now() / 1000) - 3_600;
    const expired = relay.token({ workspace: owner.workspace.id, name: "Ana", ttlSeconds: 60, now: hourAgo });
    const kept: Membership[] = [];
    // The device believes the token is still good for a week, so only the relay's 4401 can tell.
    const stale = { ...owner, token: expired, expiresAt: Date.now() + 7 * 24 * 3_600_000 };
    const device = createDevice();
    const session = WorkspaceSession.open(stale, {
      relayUrl: relay.syncUrl,
      apiUrl: relay.httpUrl,
      disableBc: true,
      indexedDB: device.indexedDB,
      WebSocketPolyfill: device.WebSocketPolyfill,
      onMembershipChange: (m) => kept.push(m),
    });
    sessions.push(session);
    await eventually(() => session.connection() === "online", "online with a refreshed token");
    expect(kept).toHaveLength(1);
    expect(kept[0]?.token).not.toBe(expired);
    expect(session.membership.token).toBe(kept[0]?.token);
  });

  it("picks up edits made right after a 'last edited' touch with one trailing sync", async () => {
    const owner = await api.createWorkspace("Trailing", "Ana");
    const deviceA = createDevice();
    const a = open(owner, deviceA);
    const ben = await api.join(owner.joinCodes?.editor ?? "", "Ben");
    const b = open(ben, createDevice());
    await eventually(() => a.connection() === "online" && b.connection() === "online", "both online");
    const id = b.index.create("Notes", "Ben");
    const handle = b.openDoc(id);
    handle.start();
    await handle.whenLoaded;
    handle.doc.getText("t").insert(0, "first");
    await eventually(() => handle.saveState().relay === "saved", "first saved");
    await eventually(() => a.index.get(id) !== undefined && a.backgroundSync.pending() === 0, "A synced after the index change");
    // Typing on: the UI touches the index on each edit, but within the interval that writes nothing.
    const before = b.index.get(id);
    handle.doc.getText("t").insert(5, " second");
    b.index.touch(id, "Ben");
    expect(b.index.get(id)).toBe(before);
    await eventually(() => handle.saveState().relay === "saved", "second saved");
    handle.release();
    const docName = `${owner.workspace.id}/${id}`;
    await eventually(async () => (await onDevice(deviceA, docName)) === "first second", "A's device has the later edit", 40_000);
  });

  it("after a reconnect syncs only the docs that may have changed since their last sync (issue 17)", async () => {
    const owner = await api.createWorkspace("Reconnects", "Ana");
    // Another member on another device (the same member in one process would share edits
    // through the tab channel, as two tabs do).
    const ben = await api.join(owner.joinCodes?.editor ?? "", "Ben");
    const writer = open(ben, createDevice());
    await eventually(() => writer.connection() === "online", "writer online");
    const quietId = await writeDoc(writer, "Quiet", "nothing new");
    const busyId = await writeDoc(writer, "Busy", "first");
    const device = createDevice();
    const reader = open(owner, device);
    const ws = owner.workspace.id;
    const settled = () => reader.connection() === "online" && reader.backgroundSync.pending() === 0;
    const reconnect = async () => {
      reader.goOffline();
      await eventually(() => reader.connection() === "offline", "reader offline");
      reader.reconnectNow();
    };
    await eventually(async () => settled() && (await onDevice(device, `${ws}/${busyId}`)) === "first", "reader has both docs");
    // A sync that ends a touch interval after the last "last edited" proves the doc unchanged
    // until its next touch; this walk is that sync for both docs.
    await new Promise((r) => setTimeout(r, TOUCH_INTERVAL_MS + 2_500));
    await reconnect();
    await eventually(settled, "walked once more");
    // Another device edits "Busy" meanwhile (a new touch); "Quiet" stays as it was.
    reader.goOffline();
    await eventually(() => reader.connection() === "offline", "reader offline");
    const handle = writer.openDoc(busyId);
    handle.start();
    await handle.whenLoaded;
    handle.doc.getText("t").insert(5, " second");
    writer.index.touch(busyId, "Ben");
    await eventually(() => handle.saveState().relay === "saved", "second saved");
    handle.release();
    const before = device.opened.length;
    reader.reconnectNow();
    await eventually(async () => settled() && (await onDevice(device, `${ws}/${busyId}`)) === "first second", "reader has the edit");
    const walked = device.opened.slice(before);
    expect(walked).toContain(`${ws}/${busyId}`);
    expect(walked).not.toContain(`${ws}/${quietId}`);
  });

  it("keeps an idle workspace's index socket open past y-websocket's 30 s silence timeout", async () => {
    const owner = await api.createWorkspace("Quiet", "Ana");
    const device = createDevice();
    const session = open(owner, device);
    await eventually(() => session.connection() === "online", "online");
    const indexName = `${owner.workspace.id}/index`;
    await new Promise((r) => setTimeout(r, 36_000));
    // Without keep-alive the socket was dropped and reopened, and background sync re-walked every doc.
    expect(device.opened.filter((name) => name === indexName)).toHaveLength(1);
    expect(session.connection()).toBe("online");
  });
});
