/**
 * The data layer on a shared computer and with a local-first start, against a real relay
 * process (fake-indexeddb per simulated device): a workspace started with the relay down
 * registers when it is back, under the same id, with its content; each person's device copies
 * are their own; signing out is refused while the relay lacks any of the person's edits.
 */
import "fake-indexeddb/auto";
import { useRelay } from "@quire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "./ApiClient.ts";
import { deviceCopyName } from "./device-copy-name.ts";
import { createLocalWorkspace } from "./local-workspace.ts";
import { type Membership, memberKey } from "./membership.ts";
import { MembershipStore, type KeyValueStorage } from "./MembershipStore.ts";
import { signOut } from "./sign-out.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";
import { useDeviceSessions } from "./test-sessions.ts";
import { countUnsavedChanges } from "./unsaved-changes.ts";
import { UnsavedWorkFlusher } from "./UnsavedWorkFlusher.ts";
import type { WorkspaceSession } from "./WorkspaceSession.ts";

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
function open(membership: Membership, device: Device, onMembershipChange: (m: Membership) => void = () => {}): WorkspaceSession {
  return openSession(membership, device, { onMembershipChange });
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const relay = useRelay();
beforeAll(async () => {
  api = new ApiClient(relay.httpUrl);
});
afterAll(async () => {
  for (const session of sessions) session.destroy();
});

describe("shared computers and local-first start", { timeout: 120_000 }, () => {
  it("a workspace started while the relay is down connects nowhere, then registers under its id with its docs", async () => {
    await relay.kill("SIGTERM");
    const local = createLocalWorkspace("Nature walk", "Ola");
    const device = createDevice();
    let registered: Membership | null = null;
    const ola = open(local, device, (m) => {
      registered = m;
    });
    const id = ola.index.create("Birds", "Ola");
    const handle = ola.openDoc(id);
    handle.start();
    await handle.whenLoaded;
    handle.doc.getText("t").insert(0, "a heron");
    expect(handle.saveState().pendingChanges).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(device.opened).toEqual([]); // No token yet: not even an attempt.

    await relay.restart();
    await eventually(() => registered !== null, "registration", 60_000);
    const m = registered as unknown as Membership;
    expect(m.workspace.id).toBe(local.workspace.id);
    expect(m.deviceKey).toBe(local.deviceKey);
    expect(m.registration).toBeUndefined();
    expect(m.token).not.toBe("");
    await eventually(() => handle.saveState().relay === "saved", "Ola's text saved on the relay");
    handle.release();

    // A classmate joins with the code that appeared, and gets the doc once.
    const pia = open(await api.join(m.joinCodes?.editor ?? "", "Pia"), createDevice());
    await eventually(() => pia.index.get(id)?.title === "Birds", "Pia sees the doc");
    const piaDoc = pia.openDoc(id);
    piaDoc.start();
    await eventually(() => piaDoc.doc.getText("t").toString() === "a heron", "Pia has the text");
    piaDoc.release();
  });

  it("gives each person their own device copies and refuses to sign out someone with unsaved edits", async () => {
    const store = new MembershipStore(memoryStorage());
    const device = createDevice();
    const ana = store.add(await api.createWorkspace("Lab group", "Ana"));
    const ben = store.add(await api.join(ana.joinCodes?.editor ?? "", "Ben"));
    expect(deviceCopyName(ana, "x/y")).toBe("x/y");
    expect(deviceCopyName(ben, "x/y")).toBe(`x/y#${ben.deviceKey}`);

    // Ana writes, the relay saves it: she can sign out later.
    const anaSession = open(ana, device);
    const id = anaSession.index.create("Report", "Ana");
    const anaDoc = anaSession.openDoc(id);
    anaDoc.start();
    await anaDoc.whenLoaded;
    anaDoc.doc.getText("t").insert(0, "Ana's line. ");
    await eventually(() => anaDoc.saveState().relay === "saved", "Ana saved");
    const anaClient = anaDoc.doc.clientID;
    anaDoc.release();
    anaSession.destroy();

    // Ben, on the same device, writes under a new client id into copies of his own; the relay goes down.
    const benSession = open(ben, device);
    await eventually(() => benSession.index.get(id) !== undefined, "Ben's index synced");
    const benDoc = benSession.openDoc(id);
    benDoc.start();
    await eventually(() => benDoc.doc.getText("t").toString() === "Ana's line. ", "Ben sees Ana's line");
    expect(benDoc.doc.clientID).not.toBe(anaClient);
    await relay.kill("SIGTERM");
    await eventually(() => benDoc.saveState().relay === "offline", "Ben offline");
    benDoc.doc.getText("t").insert(12, "Ben's line.");
    await eventually(async () => (await countUnsavedChanges(ben, device.indexedDB)) > 0, "Ben's unsaved edit on the device");
    expect(await countUnsavedChanges(ana, device.indexedDB)).toBe(0);

    const refused = await signOut(store, ben, device.indexedDB);
    expect(refused).toMatchObject({ ok: false, registered: true });
    expect(store.members(ana.workspace.id)).toHaveLength(2);

    await relay.restart();
    await eventually(() => benDoc.saveState().relay === "saved", "Ben saved after the relay is back");
    await eventually(async () => (await countUnsavedChanges(ben, device.indexedDB)) === 0, "nothing unsaved");
    expect(await signOut(store, ben, device.indexedDB)).toEqual({ ok: true, next: expect.objectContaining({ user: ana.user }) });
    expect(store.members(ana.workspace.id).map((m) => m.user.name)).toEqual(["Ana"]);
    benDoc.release();
  });

  it("sends a person's unsaved edits with their own token after someone else took the device", async () => {
    const store = new MembershipStore(memoryStorage());
    const device = createDevice();
    const ana = store.add(await api.createWorkspace("Trip", "Ana"));
    const ben = store.add(await api.join(ana.joinCodes?.editor ?? "", "Ben"));
    const anaSession = open(ana, device);
    const id = anaSession.index.create("Notes", "Ana");
    const anaDoc = anaSession.openDoc(id);
    anaDoc.start();
    await eventually(() => anaDoc.saveState().relay === "saved", "Ana's doc online");
    await relay.kill("SIGTERM");
    await eventually(() => anaDoc.saveState().relay === "offline", "Ana offline");
    anaDoc.doc.getText("t").insert(0, "written by Ana offline");
    await eventually(async () => (await countUnsavedChanges(ana, device.indexedDB)) > 0, "Ana's edit waits on the device");
    anaDoc.release();
    anaSession.destroy(); // Ben takes the device.

    const flusher = new UnsavedWorkFlusher({
      others: () => store.members(ana.workspace.id).filter((m) => memberKey(m) !== memberKey(ben)),
      openSession: (m) => open(m, device),
      indexedDB: device.indexedDB,
    });
    try {
      await eventually(() => flusher.flushing().length === 1, "a session of Ana's opened for her unsaved edit");
      await relay.restart();
      await eventually(async () => (await countUnsavedChanges(ana, device.indexedDB)) === 0, "Ana's edit confirmed", 60_000);
      await eventually(() => flusher.flushing().length === 0, "Ana's session closed", 30_000);
    } finally {
      flusher.stop();
    }
    const reader = open(ben, createDevice());
    await eventually(() => reader.index.get(id) !== undefined, "index at a fresh device");
    const doc = reader.openDoc(id);
    doc.start();
    await eventually(() => doc.doc.getText("t").toString() === "written by Ana offline", "Ana's text on the relay");
    doc.release();
  });

  it("refuses to sign out the owner of a workspace the relay has not registered yet", async () => {
    const store = new MembershipStore(memoryStorage());
    const local = store.add(createLocalWorkspace("Not yet", "Kai"));
    expect(await signOut(store, local, createDevice().indexedDB)).toMatchObject({ ok: false, registered: false });
    expect(store.get(local.workspace.id)).toBeDefined();
  });
});
