/**
 * Issue 13: one read-only share link for every document of a class (a partner school) or of
 * one group (a parent). Its viewer lists and reads those documents, never writes, never sees
 * the roster and is never put on it; a group link opens no other group's document; revoking
 * the link closes its live sockets within a second and refuses its token on HTTP.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { api, claimsOf, createClass, within } from "./class-fixture.ts";

const relay = useRelay();

describe("class and group share links", () => {
  it("a class link reads and lists every document and writes none; a group link reads its group only; revoke closes at once", async () => {
    const klass = await createClass(relay);
    const groupA = await klass.group("Group A");
    const groupB = await klass.group("Group B");
    await klass.member("Ana", "student", [groupA]);
    await klass.place("docA", { groupId: groupA });
    await klass.place("docB", { groupId: groupB });
    for (const docId of ["docA", "docB", "brief"]) {
      const t = connectStockClient(relay.syncUrl, klass.doc(docId), klass.teacher);
      await waitSynced(t.provider);
      t.doc.getText("body").insert(0, `text of ${docId}`);
      await waitFor(() => storedDoc(relay.dataDir, klass.doc(docId)).getText("body").toString() === `text of ${docId}`, 10_000, `${docId} stored`);
      t.destroy();
    }
    const path = `/api/workspaces/${klass.id}/share-links`;
    const created = await api(relay, "POST", path, klass.teacher, { groupId: null, label: "Partner school" });
    expect(created.status).toBe(201);
    expect(created.body.link).toMatchObject({ docId: null, groupId: null, label: "Partner school" });
    expect((await api(relay, "POST", path, klass.teacher, { groupId: "g_AAAAAAAA", label: "x" })).body.error.code).toBe("unknown_group");

    const exchanged = await api(relay, "POST", "/api/share", undefined, { secret: created.body.secret });
    expect(exchanged.body).toMatchObject({ doc: null, groupId: null, role: "viewer", workspace: { id: klass.id } });
    const token = exchanged.body.token as string;
    expect(claimsOf(token)).toMatchObject({ workspace: klass.id, sub: created.body.link.id, role: "viewer" });

    // Lists and reads every document, writes none.
    const listed = (await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, token)).body.documents as { id: string; writable: boolean }[];
    expect(listed.map((d) => d.id).sort()).toEqual(["brief", "docA", "docB"].map((d) => klass.doc(d)));
    expect(listed.every((d) => !d.writable)).toBe(true);
    const viewer = connectStockClient(relay.syncUrl, klass.doc("docB"), token);
    await waitSynced(viewer.provider);
    expect(viewer.doc.getText("body").toString()).toBe("text of docB");
    viewer.doc.getText("body").insert(0, "PARTNER ");
    await new Promise((r) => setTimeout(r, 300));
    expect(storedDoc(relay.dataDir, klass.doc("docB")).getText("body").toString()).toBe("text of docB");
    viewer.destroy();

    // Never sees the roster, never on it.
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/members`, token)).status).toBe(403);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/join-requests`, token)).status).toBe(403);
    const roster = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { name: string }[];
    expect(roster.map((m) => m.name)).toEqual(["Ms Teacher", "Ana"]);

    // A group link: group A's documents and the class-wide brief, not group B's.
    const forGroup = await api(relay, "POST", path, klass.teacher, { groupId: groupA, label: "Ana's parents" });
    const groupToken = (await api(relay, "POST", "/api/share", undefined, { secret: forGroup.body.secret })).body.token as string;
    const groupListed = (await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, groupToken)).body.documents as { id: string }[];
    expect(groupListed.map((d) => d.id).sort()).toEqual(["brief", "docA"].map((d) => klass.doc(d)));
    const refused = await openRaw(relay.syncUrl, klass.doc("docB"), groupToken).closed;
    expect(refused.code).toBe(CloseCode.Forbidden);
    expect(refused.reason).toMatch(/group you are not in/);

    // Revoke the class link: its live socket closes within a second, HTTP refuses it.
    const live = openRaw(relay.syncUrl, klass.doc("docA"), token);
    await live.opened;
    const started = Date.now();
    await klass.as("DELETE", `${path}/${created.body.link.id}`);
    const closed = await within(live.closed, 5_000, { code: 0, reason: "still open 5 s after the revoke" });
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, token)).status).toBe(403);
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, groupToken)).status).toBe(200);
  });
});
