/**
 * Issue 13, the student's side of the class rules, against a real relay process over real
 * sockets: a student syncs and lists only what the relay lets her read (no socket ever opens
 * for another group's document), a 4403 puts a replica in `denied` with no reconnects, her
 * removal stops every socket while her device copies stay readable, and a lock (4533) makes
 * an open document read-only with her refused edit kept on the device.
 */
import "fake-indexeddb/auto";
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { ApiClient } from "./ApiClient.ts";
import type { DocReplica } from "./DocReplica.ts";
import { parseMembership } from "./membership.ts";
import { createDevice, eventually } from "./test-devices.ts";
import { useDeviceSessions } from "./test-sessions.ts";

const relay = useRelay();

const open = useDeviceSessions(relay);

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${relay.httpUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const data = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

/** A class with groups A and B, a teacher session, and Ana (group A) signed in with her code. */
async function classWithAna() {
  const teacher = parseMembership(await call("POST", "/api/workspaces", undefined, { workspaceName: "7B", userName: "Ms Lee" }));
  if (!teacher) throw new Error("no teacher membership");
  const id = teacher.workspace.id;
  const as = (method: string, path: string, body?: unknown) => call(method, `/api/workspaces/${id}${path}`, teacher.token, body);
  const groupA = ((await as("POST", "/groups", { name: "A" })).group as { id: string }).id;
  const groupB = ((await as("POST", "/groups", { name: "B" })).group as { id: string }).id;
  const member = (await as("POST", "/members", { name: "Ana", role: "student", groupIds: [groupA] })).member as { id: string; signInCode: string };
  const ana = parseMembership(await call("POST", "/api/sign-in", undefined, { code: member.signInCode }));
  if (!ana) throw new Error("no membership for Ana");
  expect(ana.classRole).toBe("student");
  const teacherSession = open(teacher, createDevice());
  await teacherSession.indexHandle.whenLoaded;
  const docA = teacherSession.index.create("Group A essay", "Ms Lee");
  const docB = teacherSession.index.create("Group B essay", "Ms Lee");
  const docClass = teacherSession.index.create("Assignment brief", "Ms Lee");
  await as("PATCH", `/documents/${docA}`, { groupId: groupA });
  await as("PATCH", `/documents/${docB}`, { groupId: groupB });
  await eventually(() => teacherSession.indexHandle.fullySynced(), "the teacher's index on the relay");
  return { id, teacher, as, ana, memberId: member.id, docA, docB, docClass };
}

describe("a student's app under class rules", { timeout: 90_000 }, () => {
  it("syncs and lists only what she may read: never a socket for another group's document", async () => {
    const k = await classWithAna();
    const device = createDevice();
    const ana = open(k.ana, device);
    // The class's list is split by audience: group B's entry never reaches her device.
    await eventually(() => ana.index.ids().length === 2, "Ana's index lists her group's entry and the class-wide one");
    expect(ana.index.ids()).not.toContain(k.docB);
    expect(ana.indexHandles().map((h) => h.docName)).not.toContain(`${k.id}/index`);
    await eventually(() => ana.access.mayRead(k.docA) && ana.access.mayRead(k.docClass), "A and the class-wide brief readable");
    await eventually(() => device.opened.includes(`${k.id}/${k.docA}`) && device.opened.includes(`${k.id}/${k.docClass}`), "A and the brief synced");
    await eventually(() => ana.backgroundSync.pending() === 0, "background sync done");
    expect(device.opened).not.toContain(`${k.id}/${k.docB}`);
    expect(ana.access.mayRead(k.docB)).toBe(false);
  });

  it("creates offline in her group's list; moved to group B she reads B's and her device keeps no copy of A's", async () => {
    const k = await classWithAna();
    const device = createDevice();
    const ana = open(k.ana, device);
    await eventually(() => ana.index.ids().includes(k.docA), "A listed");
    const groups = (await k.as("GET", "/groups")).groups as { id: string; name: string }[];
    const groupA = groups.find((g) => g.name === "A")?.id;
    const groupB = groups.find((g) => g.name === "B")?.id;
    ana.goOffline();
    const mine = ana.index.create("Ana's offline notes", "Ana");
    ana.reconnectNow();
    // Her group's list carried it to the relay, which put the document in her group.
    await eventually(async () => {
      const listed = (await call("GET", `/api/workspaces/${k.id}/documents`, k.teacher.token)).documents as { id: string; groupId: string | null }[];
      return listed.some((d) => d.id === `${k.id}/${mine}` && d.groupId === groupA);
    }, "her new document is group A's");
    // Her socket on A's list is refused at once; her app asks which lists she reads now.
    await k.as("PATCH", `/members/${k.memberId}`, { groupIds: [groupB] });
    await eventually(() => ana.index.ids().includes(k.docB) && !ana.index.ids().includes(k.docA), "B's list instead of A's");
    const partA = `${k.id}/index/${groupA}`;
    await eventually(async () => !(await device.indexedDB.databases()).some((d) => d.name?.includes(partA)), "A's list gone from the device");
  });

  it("a 4403 for one document puts its replica in denied and it never reconnects", async () => {
    const k = await classWithAna();
    const device = createDevice();
    const ana = open(k.ana, device);
    await ana.indexHandle.whenLoaded;
    const handle = ana.openDoc(k.docB) as DocReplica; // e.g. an old link to another group's document
    handle.start();
    await eventually(() => handle.accessRefusal()?.kind === "no-access", "refused with no-access");
    expect(handle.state).toBe("denied");
    const attempts = device.opened.filter((n) => n === `${k.id}/${k.docB}`).length;
    expect(attempts).toBe(1);
    handle.reconnectNow();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(device.opened.filter((n) => n === `${k.id}/${k.docB}`).length).toBe(1);
    expect(ana.access.isDenied(k.docB)).toBe(true);
  });

  it("removed while online: every socket stops, she is told, her copies stay readable", async () => {
    const k = await classWithAna();
    const device = createDevice();
    const ana = open(k.ana, device);
    await eventually(() => ana.access.mayRead(k.docA), "A readable");
    const handle = ana.openDoc(k.docA) as DocReplica;
    handle.start();
    await eventually(() => handle.connection() === "online", "A online");
    handle.doc.getText("t").insert(0, "my draft");
    await eventually(() => handle.fullySynced(), "the draft on the relay");
    await k.as("DELETE", `/members/${k.memberId}`);
    await eventually(() => ana.access.removed, "Ana's app knows she was removed", 10_000);
    await eventually(() => handle.accessRefusal()?.kind === "removed", "the open document says removed");
    const socketsAfter = device.opened.length;
    ana.reconnectNow();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(device.opened.length).toBe(socketsAfter);
    expect(handle.doc.getText("t").toString()).toBe("my draft");
    expect((await ana.readDocOnDevice(k.docA)).getText("t").toString()).toBe("my draft");
    // Her refresh is refused as `removed` too.
    await expect(new ApiClient(relay.httpUrl).refresh(k.ana)).rejects.toMatchObject({ code: "removed" });
  });

  it("a lock makes the open document read-only, keeps her refused edit on the device, and an unlock gives writing back", async () => {
    const k = await classWithAna();
    const ana = open(k.ana, createDevice());
    await eventually(() => ana.access.mayRead(k.docA), "A readable");
    const handle = ana.openDoc(k.docA) as DocReplica;
    handle.start();
    await eventually(() => handle.connection() === "online", "A online");
    await k.as("PATCH", `/documents/${k.docA}`, { locked: true });
    handle.doc.getText("t").insert(0, "typed as the lock fell");
    await eventually(() => handle.accessRefusal()?.kind === "locked", "read-only: locked");
    expect(handle.saveState().pendingChanges).toBeGreaterThan(0);
    expect((await ana.readDocOnDevice(k.docA)).getText("t").toString()).toBe("typed as the lock fell");
    await k.as("PATCH", `/documents/${k.docA}`, { locked: false });
    // Editing resumes on the next reconnect (a reload or the network coming back).
    handle.reconnectNow();
    ana.goOffline();
    ana.reconnectNow();
    await eventually(() => handle.accessRefusal() === null, "writable again after reconnecting");
  });
});
