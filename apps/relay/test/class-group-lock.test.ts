/**
 * Issue 13: a teacher locks a whole group's documents for students from a due time on. Before
 * it the student's edits are saved; from it her live socket's next edit is refused (4533,
 * "locked"), documents put in the group after the lock are locked too, other groups are not
 * touched; unlocking the group lets her write again. The endpoint answers clear 4xx.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("a group locked at a due time", () => {
  it("makes the group's students read-only at the due time on their live socket; unlock restores", async () => {
    const klass = await createClass(relay);
    const group = await klass.group("Project 1");
    const other = await klass.group("Project 2");
    const sam = await klass.signIn((await klass.member("Sam", "student", [group, other])).code);
    await klass.place("essay", { groupId: group });
    await klass.place("poster", { groupId: other });
    const stored = () => storedDoc(relay.dataDir, klass.doc("essay")).getText("body").toString();
    const access = async (doc: string) => (await api(relay, "GET", `/api/workspaces/${klass.id}/documents/${doc}/access`, sam)).body;

    const student = connectStockClient(relay.syncUrl, klass.doc("essay"), sam);
    await waitSynced(student.provider);
    const due = Date.now() + 2_500;
    const locked = await klass.as("PUT", `/api/workspaces/${klass.id}/groups/${group}/lock`, { lockFrom: due });
    expect(locked).toEqual({ lock: { groupId: group, lockFrom: due } });
    const groups = (await klass.as("GET", `/api/workspaces/${klass.id}/groups`)).groups;
    expect(groups.find((g: { id: string }) => g.id === group).lock).toEqual({ lockFrom: due });
    expect(groups.find((g: { id: string }) => g.id === other).lock).toBeNull();

    student.doc.getText("body").insert(0, "draft");
    await waitFor(() => stored() === "draft", 10_000, "edit before the due time stored");
    expect((await access("essay")).write).toBe(true);

    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now() + 50)));
    student.doc.getText("body").insert(5, " LATE");
    await waitFor(() => student.closes.length > 0, 10_000, "the late edit closed the socket");
    expect(student.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    expect(student.closes[0]?.reason).toMatch(/locked/);
    expect(stored()).toBe("draft");
    expect(await access("essay")).toMatchObject({ write: false, reason: { code: "locked" } });
    // The other group's documents stay writable; one put in the locked group now is locked.
    expect((await access("poster")).write).toBe(true);
    await klass.place("late-notes", { groupId: group });
    expect(await access("late-notes")).toMatchObject({ write: false, reason: { code: "locked" } });
    student.destroy();

    expect(await klass.as("DELETE", `/api/workspaces/${klass.id}/groups/${group}/lock`)).toEqual({ groupId: group, unlocked: true });
    expect((await access("late-notes")).write).toBe(true);
    const again = connectStockClient(relay.syncUrl, klass.doc("essay"), sam);
    await waitSynced(again.provider);
    again.doc.getText("body").insert(again.doc.getText("body").length, " (revised)");
    await waitFor(() => stored() === "draft (revised)", 10_000, "edit after unlock stored");
    again.destroy();
  });

  it("locks at once without a due time, and a per-document lock outlives the group's unlock", async () => {
    const klass = await createClass(relay);
    const group = await klass.group("Project 1");
    const sam = await klass.signIn((await klass.member("Sam", "student", [group])).code);
    await klass.place("essay", { groupId: group });
    await klass.place("brief", { groupId: group, locked: true });
    await klass.as("PUT", `/api/workspaces/${klass.id}/groups/${group}/lock`, {});
    const access = async (doc: string) => (await api(relay, "GET", `/api/workspaces/${klass.id}/documents/${doc}/access`, sam)).body;
    expect(await access("essay")).toMatchObject({ write: false, reason: { code: "locked" } });
    await klass.as("DELETE", `/api/workspaces/${klass.id}/groups/${group}/lock`);
    expect((await access("essay")).write).toBe(true);
    expect((await access("brief")).write).toBe(false);
  });

  it("answers clear 4xx: students 403, unknown group 404, bad body 400", async () => {
    const klass = await createClass(relay);
    const group = await klass.group("Project 1");
    const sam = await klass.signIn((await klass.member("Sam", "student", [group])).code);
    const path = `/api/workspaces/${klass.id}/groups/${group}/lock`;
    expect((await api(relay, "PUT", path, sam, {})).status).toBe(403);
    expect((await api(relay, "DELETE", path, sam)).status).toBe(403);
    const unknown = await api(relay, "PUT", `/api/workspaces/${klass.id}/groups/g_AAAAAAAA/lock`, klass.teacher, {});
    expect(unknown.status).toBe(404);
    const bad = await api(relay, "PUT", path, klass.teacher, { lockFrom: "tomorrow" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/lockFrom/);
    expect((await api(relay, "PUT", path, klass.teacher, { lockFrom: 1, extra: true })).status).toBe(400);
    expect((await api(relay, "PUT", `/api/workspaces/${klass.id}/groups/nope/lock`, klass.teacher, {})).status).toBe(400);
  });
});
