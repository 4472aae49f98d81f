/**
 * Issue 13: every class endpoint validates its input (valibot through Hono's validator) and
 * answers clear 4xx JSON errors; only a teacher of the class in the path manages it.
 */
import { describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";
import { api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("class API input and permissions", () => {
  it("refuses malformed input with 400 and a message naming the field", async () => {
    const klass = await createClass(relay);
    const path = `/api/workspaces/${klass.id}/members`;
    const cases: [unknown, RegExp][] = [
      [{ name: "Ann", role: "admin" }, /role must be one of teacher, student, commenter, viewer/],
      [{ name: "", role: "student" }, /name must be 1–40 characters/],
      [{ name: "A\u0007nn", role: "student" }, /control characters/],
      [{ name: "Ann", role: "student", extra: 1 }, /extra/],
      [{ name: "Ann", role: "student", groupIds: ["nope"] }, /group id/],
      ["{not json", /JSON/i],
    ];
    for (const [body, message] of cases) {
      const r = await api(relay, "POST", path, klass.teacher, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe("bad_request");
      expect(r.body.error.message).toMatch(message);
    }
    const unknownGroup = await api(relay, "POST", path, klass.teacher, { name: "Ann", role: "student", groupIds: ["g_AAAAAAAA"] });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.error.code).toBe("unknown_group");
    const badLock = await api(relay, "PATCH", `/api/workspaces/${klass.id}/documents/d1`, klass.teacher, { lockFrom: 1_900_000_000_000 });
    expect(badLock.status).toBe(400);
    expect(badLock.body.error.message).toMatch(/lockFrom needs locked: true/);
    const badDoc = await api(relay, "PATCH", `/api/workspaces/${klass.id}/documents/-bad`, klass.teacher, { locked: true });
    expect(badDoc.status).toBe(400);
    const index = await api(relay, "PATCH", `/api/workspaces/${klass.id}/documents/index`, klass.teacher, { locked: true });
    expect(index.status).toBe(400);
  });

  it("only a teacher of this class manages it: 401 without a token, 403 for a student or another class", async () => {
    const klass = await createClass(relay);
    const other = await createClass(relay, "Other class");
    const student = await klass.signIn((await klass.member("Sam", "student")).code);
    const path = `/api/workspaces/${klass.id}/groups`;
    expect((await api(relay, "POST", path, undefined, { name: "G" })).status).toBe(401);
    const asStudent = await api(relay, "POST", path, student, { name: "G" });
    expect(asStudent.status).toBe(403);
    expect(asStudent.body.error.message).toMatch(/only a teacher/);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/members`, student)).status).toBe(403);
    expect((await api(relay, "POST", path, other.teacher, { name: "G" })).status).toBe(403);
    expect((await api(relay, "POST", path, klass.teacher, { name: "G" })).status).toBe(201);
  });

  it("a group with documents in it cannot be deleted; an empty one can, and a renamed one keeps its id", async () => {
    const klass = await createClass(relay);
    const group = await klass.group("Group 1");
    await klass.place("d1", { groupId: group });
    const refused = await api(relay, "DELETE", `/api/workspaces/${klass.id}/groups/${group}`, klass.teacher);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("group_not_empty");
    expect((await klass.as("PATCH", `/api/workspaces/${klass.id}/groups/${group}`, { name: "Renamed" })).group).toEqual({ id: group, name: "Renamed" });
    await klass.place("d1", { groupId: null });
    expect((await api(relay, "DELETE", `/api/workspaces/${klass.id}/groups/${group}`, klass.teacher)).status).toBe(200);
  });
});

describe("join codes in a class", () => {
  it("a second teacher may rotate the class's join codes; a student may not", async () => {
    const klass = await createClass(relay);
    const second = await klass.signIn((await klass.member("Mr Second", "teacher")).code);
    const student = await klass.signIn((await klass.member("Sam", "student")).code);
    expect((await api(relay, "POST", `/api/workspaces/${klass.id}/join-codes`, student, {})).status).toBe(403);
    const rotated = await api(relay, "POST", `/api/workspaces/${klass.id}/join-codes`, second, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.joinCodes.editor).not.toBe(klass.joinCodes.editor);
  });
});
