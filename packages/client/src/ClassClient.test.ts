/**
 * ClassClient against a real relay process (the relay's class API, issue 13): a teacher who
 * created a workspace manages it as a class — groups, roster entries with personal codes, a
 * move between groups, a role change, a rotated and a disabled code, a document placed in a
 * group and locked — and a student signs in with her code twice (two devices) as one member,
 * sees only her group, and is refused the teacher's routes with a readable ApiError.
 */
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { ApiClient, normalizeSignInCode } from "./ApiClient.ts";
import { ApiError } from "./ApiError.ts";
import { ClassClient } from "./ClassClient.ts";

const relay = useRelay();

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("ClassClient against a real relay", () => {
  it("a teacher builds groups and a roster; a student signs in with her code on two devices as one member", async () => {
    const api = new ApiClient(relay.httpUrl);
    const teacher = await api.createWorkspace("Class 7B", "Ms Rivera");
    const klass = new ClassClient({ workspaceId: teacher.workspace.id, token: () => teacher.token, baseUrl: relay.httpUrl });
    expect(await api.classRole(teacher)).toBe("teacher");

    const groupA = await klass.createGroup("  Group A ");
    const groupB = await klass.createGroup("Group B");
    expect(groupA.name).toBe("Group A");
    expect((await klass.renameGroup(groupB.id, "Group Blue")).name).toBe("Group Blue");

    const ana = await klass.addMember("Ana", "student", [groupA.id]);
    expect(ana).toMatchObject({ name: "Ana", role: "student", groupIds: [groupA.id], online: 0, lastActiveAt: null });
    expect(ana.signInCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    const ben = await klass.addMember("Ben", "student");

    // Ana on two devices: the same member both times, typed in lower case without the dash.
    const laptop = await api.signIn(ana.signInCode ?? "");
    const phone = await api.signIn((ana.signInCode ?? "").replace("-", "").toLowerCase());
    expect(laptop.user).toEqual({ id: ana.id, name: "Ana" });
    expect(phone.user.id).toBe(ana.id);
    expect(laptop.workspace.id).toBe(teacher.workspace.id);
    const asAna = new ClassClient({ workspaceId: laptop.workspace.id, token: () => laptop.token, baseUrl: relay.httpUrl });
    expect(await api.classRole(laptop)).toBe("student");
    expect((await asAna.groups()).map((g) => g.id)).toEqual([groupA.id]);
    const forbidden = await refusal(asAna.members());
    expect(forbidden.status).toBe(403);

    // Move Ben into group B, make him a viewer; the roster says so.
    await klass.updateMember(ben.id, { groupIds: [groupB.id], role: "viewer" });
    const roster = await klass.members();
    expect(roster.find((m) => m.id === ben.id)).toMatchObject({ role: "viewer", groupIds: [groupB.id] });
    expect(roster.find((m) => m.id === teacher.user.id)?.role).toBe("teacher");
    const groups = await klass.groups();
    expect(groups.find((g) => g.id === groupB.id)?.memberIds).toEqual([ben.id]);
    // A whole group locked at a due time and unlocked; the teacher sees the lock on the group.
    await klass.lockGroup(groupB.id, 4_000_000_000_000);
    expect((await klass.groups()).find((g) => g.id === groupB.id)?.lock).toEqual({ lockFrom: 4_000_000_000_000 });
    await klass.unlockGroup(groupB.id);
    expect((await klass.groups()).find((g) => g.id === groupB.id)?.lock).toBeNull();
    // A read-only share link: made, listed with its label, revoked; students may not make one.
    const shared = await klass.createShareLink("report", " Ana's parents ");
    expect(shared.link).toMatchObject({ docId: "report", label: "Ana's parents" });
    expect(shared.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await klass.shareLinks()).toEqual([shared.link]);
    expect((await refusal(asAna.createShareLink("report", "x"))).status).toBe(403);
    await klass.revokeShareLink(shared.link.id);
    expect(await klass.shareLinks()).toEqual([]);

    // A rotated code: the old one is refused, the new one signs Ana in as herself.
    const fresh = await klass.rotateSignInCode(ana.id);
    expect(fresh).not.toBe(ana.signInCode);
    expect((await refusal(api.signIn(ana.signInCode ?? ""))).status).toBe(404);
    expect((await api.signIn(fresh)).user.id).toBe(ana.id);
    await klass.disableSignInCode(ana.id);
    expect((await klass.members()).find((m) => m.id === ana.id)?.signInCode).toBeNull();
    expect((await refusal(api.signIn(fresh))).code).toBe("unknown_code");

    // A document in group A, locked at a due time; the group cannot go while it holds it.
    const due = Date.now() + 3_600_000;
    const placed = await klass.updateDocument("d0000000001", { groupId: groupA.id, locked: true, lockFrom: due });
    expect(placed).toMatchObject({ id: `${teacher.workspace.id}/d0000000001`, groupId: groupA.id, locked: true, lockFrom: due });
    expect((await klass.documents()).find((d) => d.id === placed.id)).toMatchObject({ groupId: groupA.id, writable: true });
    expect((await asAna.documents()).find((d) => d.id === placed.id)).toMatchObject({ locked: true });
    expect((await refusal(klass.deleteGroup(groupA.id))).code).toBe("group_not_empty");
    await klass.updateDocument("d0000000001", { groupId: null, locked: false });
    await klass.deleteGroup(groupA.id);
    expect((await klass.groups()).map((g) => g.id)).toEqual([groupB.id]);

    // The last teacher stays; a removed student's devices are refused.
    expect((await refusal(klass.updateMember(teacher.user.id, { role: "student" }))).code).toBe("last_teacher");
    await klass.removeMember(ana.id);
    expect((await klass.members()).some((m) => m.id === ana.id)).toBe(false);
    expect((await refusal(asAna.groups())).code).toBe("removed");
  });

  it("refuses bad input before sending it", async () => {
    expect(normalizeSignInCode("abcde-fghjk")).toBe("ABCDEFGHJK");
    expect(normalizeSignInCode("ABCD-EFGH")).toBeNull();
    expect((await refusal(new ApiClient(relay.httpUrl).signIn("short"))).code).toBe("invalid_code");
    expect(() => new ClassClient({ workspaceId: "../x", token: () => "" })).toThrow(TypeError);
    const klass = new ClassClient({ workspaceId: "w0000000000", token: () => "t", baseUrl: relay.httpUrl });
    expect((await refusal(klass.createGroup("   "))).code).toBe("invalid_name");
    expect((await refusal(klass.members())).status).toBe(401);
  });
});
