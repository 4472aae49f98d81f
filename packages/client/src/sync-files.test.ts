/**
 * Sync files between two devices of a workspace (issue 14, item 3): Ana, offline, saves her
 * changes to a file; Ben, offline too, loads it — the report says exactly what changed, a
 * second load changes nothing, a file of another workspace is refused with nothing applied —
 * and once both meet the relay, everyone converges.
 */
import "fake-indexeddb/auto";
import { SyncFileError } from "@quire/syncfile";
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ApiClient } from "./ApiClient.ts";
import { DeviceStore } from "./DeviceStore.ts";
import type { KeyValueStorage } from "./MembershipStore.ts";
import { exportFromDevice, importToDevice } from "./sync-files.ts";
import { type Device, createDevice, eventually } from "./test-devices.ts";
import { useDeviceSessions } from "./test-sessions.ts";
import type { WorkspaceSession } from "./WorkspaceSession.ts";

const relay = useRelay();

const open = useDeviceSessions(relay);

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

async function onDevice(device: Device, docName: string): Promise<string> {
  const doc = new Y.Doc();
  const store = new DeviceStore(docName, doc, { indexedDB: device.indexedDB });
  await store.whenLoaded;
  const text = doc.getText("t").toString();
  await store.destroy();
  return text;
}

async function type(session: WorkspaceSession, id: string, text: string): Promise<void> {
  const handle = session.openDoc(id);
  handle.start();
  await handle.whenLoaded;
  const t = handle.doc.getText("t");
  t.insert(t.length, text);
  await eventually(() => handle.saveState().device === "saved", "saved on the device");
  await (handle as unknown as { close(): Promise<void> }).close();
}

describe("sync files between devices", { timeout: 120_000 }, () => {
  it("carries offline changes from one device to another and converges at the relay", async () => {
    const api = new ApiClient(relay.httpUrl);
    const ana = await api.createWorkspace("Geography 7", "Ana");
    const ben = await api.join(ana.joinCodes?.editor ?? "", "Ben");
    const anaDevice = createDevice();
    const benDevice = createDevice();
    const a = open(ana, anaDevice);
    const b = open(ben, benDevice);
    await eventually(() => a.connection() === "online" && b.connection() === "online", "both online");
    const shared = a.index.create("Rivers", "Ana");
    await type(a, shared, "Rivers rise. ");
    await eventually(async () => b.index.ids().includes(shared) && (await onDevice(benDevice, `${ben.workspace.id}/${shared}`)) === "Rivers rise. ", "Ben has it");

    a.goOffline();
    b.goOffline();
    await type(a, shared, "They flood in May.");
    const fresh = a.index.create("Lakes", "Ana");
    await type(a, fresh, "Lakes are calm.");
    const file = await exportFromDevice(a, { indexedDB: anaDevice.indexedDB, keyStorage: memoryStorage() });

    const report = await importToDevice(b, file, { indexedDB: benDevice.indexedDB, keyStorage: memoryStorage() });
    const byName = new Map(report.documents.map((d) => [d.name.split("/")[1], d]));
    expect(byName.get(shared)).toMatchObject({ status: "changed", insertedCharacters: 18, deletedCharacters: 0 });
    expect(byName.get(fresh)).toMatchObject({ status: "new", insertedCharacters: 15 });
    expect(byName.get("index")?.status).toBe("changed");
    expect(report.signedBy).toMatchObject({ kind: "device", name: "Ana", known: false });
    expect(await onDevice(benDevice, `${ben.workspace.id}/${fresh}`)).toBe("Lakes are calm.");
    expect(b.index.get(fresh)?.title).toBe("Lakes");

    const again = await importToDevice(b, file, { indexedDB: benDevice.indexedDB });
    expect(again.changed).toBe(0);
    expect(again.documents.every((d) => d.status === "unchanged")).toBe(true);

    // A file of another workspace: refused whole, nothing applied.
    const other = await api.createWorkspace("Other class", "Carla");
    const carlaDevice = createDevice();
    const c = open(other, carlaDevice);
    c.goOffline();
    await type(c, c.index.create("Elsewhere", "Carla"), "not for Ben");
    const foreign = await exportFromDevice(c, { indexedDB: carlaDevice.indexedDB });
    await expect(importToDevice(b, foreign, { indexedDB: benDevice.indexedDB })).rejects.toMatchObject({ code: "wrong-workspace" });
    expect(b.index.ids().sort()).toEqual([shared, fresh].sort());

    // Ben meets the relay first, then Ana: everyone converges; a new device sees it all.
    b.reconnectNow();
    await eventually(() => b.connection() === "online" && b.backgroundSync.pending() === 0, "Ben synced");
    a.reconnectNow();
    await eventually(() => a.connection() === "online" && a.backgroundSync.pending() === 0, "Ana synced");
    const dan = await api.join(ana.joinCodes?.editor ?? "", "Dan");
    const danDevice = createDevice();
    const d = open(dan, danDevice);
    await eventually(async () => d.index.ids().length === 2 && d.backgroundSync.pending() === 0, "Dan has both docs");
    await eventually(async () => (await onDevice(danDevice, `${dan.workspace.id}/${shared}`)) === "Rivers rise. They flood in May.", "Dan: shared doc");
    expect(await onDevice(danDevice, `${dan.workspace.id}/${fresh}`)).toBe("Lakes are calm.");
  });

  it("refuses a damaged file with a SyncFileError", async () => {
    const api = new ApiClient(relay.httpUrl);
    const ana = await api.createWorkspace("Maths", "Ana");
    const device = createDevice();
    const a = open(ana, device);
    a.goOffline();
    const file = await exportFromDevice(a, { indexedDB: device.indexedDB });
    await expect(importToDevice(a, file.subarray(0, file.length - 1), { indexedDB: device.indexedDB })).rejects.toBeInstanceOf(SyncFileError);
  });
});
