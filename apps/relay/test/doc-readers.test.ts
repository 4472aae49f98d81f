/**
 * Issue 15, mentions: GET /api/workspaces/:id/documents/:docId/readers lists who may read a
 * document (its group's members and the teachers; everyone for a class-wide one) with id and
 * name only; a member who may not read it gets 403 and learns nobody's name; removed members
 * are not listed.
 */
import { describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";
import { api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("readers of a document (mention picker)", () => {
  it("lists the group and the teachers, minimal fields, access-checked", async () => {
    const klass = await createClass(relay);
    const a = await klass.group("Group A");
    const b = await klass.group("Group B");
    const alice = await klass.member("Alice", "student", [a]);
    const ann = await klass.member("Ann", "commenter", [a]);
    const bob = await klass.member("Bob", "student", [b]);
    const gone = await klass.member("Gone", "student", [a]);
    const aliceToken = await klass.signIn(alice.code);
    const bobToken = await klass.signIn(bob.code);
    await klass.place("docA", { groupId: a });
    await klass.as("DELETE", `/api/workspaces/${klass.id}/members/${gone.id}`);
    const path = (docId: string) => `/api/workspaces/${klass.id}/documents/${docId}/readers`;

    const inGroup = await api(relay, "GET", path("docA"), aliceToken);
    expect(inGroup.status).toBe(200);
    expect(inGroup.body).toEqual({
      readers: [
        { id: alice.id, name: "Alice" },
        { id: ann.id, name: "Ann" },
        { id: klass.teacherId, name: "Ms Teacher" },
      ],
    });

    // Bob is not in group A: refused, and the answer names nobody.
    const other = await api(relay, "GET", path("docA"), bobToken);
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toMatch(/Alice|Ann/);

    // A class-wide document: every member.
    const brief = await api(relay, "GET", path("brief"), bobToken);
    expect((brief.body.readers as { name: string }[]).map((r) => r.name)).toEqual(["Alice", "Ann", "Bob", "Ms Teacher"]);

    // No token, another class's token: refused.
    expect((await api(relay, "GET", path("docA"))).status).toBe(401);
    const otherClass = await createClass(relay, "Class 8C");
    expect((await api(relay, "GET", path("docA"), otherClass.teacher)).status).toBe(403);
  });
});
