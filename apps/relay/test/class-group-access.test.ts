/**
 * Issue 13: groups are enforced at the relay. A student of group A cannot open, sync or list
 * group B's documents (socket refused with 4403 and a reason, HTTP 403); the teacher opens
 * every document; a class-wide document is readable by every member.
 */
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { type TestClass, api, createClass } from "./class-fixture.ts";

const relay = useRelay();

describe("groups of a class at the relay", () => {
  let klass: TestClass;
  let alice: string; // group A
  let bob: string; // group B
  let viewer: string; // a parent, in no group

  it("sets up a class with two groups, a document in each and a class-wide brief", async () => {
    klass = await createClass(relay);
    const a = await klass.group("Group A");
    const b = await klass.group("Group B");
    alice = await klass.signIn((await klass.member("Alice", "student", [a])).code);
    bob = await klass.signIn((await klass.member("Bob", "student", [b])).code);
    viewer = await klass.signIn((await klass.member("Parent", "viewer")).code);
    await klass.place("docA", { groupId: a });
    await klass.place("docB", { groupId: b });
    // The teacher writes all three (the brief is class-wide: no placement needed).
    for (const docId of ["docA", "docB", "brief"]) {
      const t = connectStockClient(relay.syncUrl, klass.doc(docId), klass.teacher);
      await waitSynced(t.provider);
      t.doc.getText("body").insert(0, `teacher wrote ${docId}`);
      await waitFor(() => storedDoc(relay.dataDir, klass.doc(docId)).getText("body").toString() === `teacher wrote ${docId}`, 10_000, `${docId} stored`);
      t.destroy();
    }
  });

  it("a student of group A cannot open or sync group B's document: 4403 with the reason", async () => {
    const raw = openRaw(relay.syncUrl, klass.doc("docB"), alice);
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/group you are not in/);
    // Nothing of the document reached her: no sync step 2 (type 0) before the close.
    expect(raw.ofType(0)).toHaveLength(0);
  });

  it("each student opens and edits her own group's document and reads the class-wide brief", async () => {
    const mine = connectStockClient(relay.syncUrl, klass.doc("docA"), alice);
    const brief = connectStockClient(relay.syncUrl, klass.doc("brief"), bob);
    await Promise.all([waitSynced(mine.provider), waitSynced(brief.provider)]);
    expect(brief.doc.getText("body").toString()).toBe("teacher wrote brief");
    mine.doc.getText("body").insert(0, "alice: ");
    await waitFor(() => storedDoc(relay.dataDir, klass.doc("docA")).getText("body").toString() === "alice: teacher wrote docA", 10_000, "alice's edit stored");
    mine.destroy();
    brief.destroy();
  });

  it("lists to a student only the class-wide documents and her group's; the teacher sees all", async () => {
    const listed = async (token: string) =>
      ((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, token)).body.documents as { id: string }[]).map((d) => d.id).sort();
    expect(await listed(alice)).toEqual([klass.doc("brief"), klass.doc("docA")]);
    expect(await listed(bob)).toEqual([klass.doc("brief"), klass.doc("docB")]);
    expect(await listed(viewer)).toEqual([klass.doc("brief")]);
    expect(await listed(klass.teacher)).toEqual([klass.doc("brief"), klass.doc("docA"), klass.doc("docB")]);
    // A class with groups can keep documents from a member: the app filters what it lists.
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, alice)).body.restricted).toBe(true);
  });

  it("answers 403 over HTTP for another group's document and says what a member may do", async () => {
    const refused = await api(relay, "GET", `/api/workspaces/${klass.id}/documents/docB/access`, alice);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("not_in_group");
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents/docA/access`, alice)).body).toMatchObject({ read: true, write: true });
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents/brief/access`, viewer)).body).toMatchObject({ read: true, write: false });
  });

  it("the teacher opens every document; a viewer reads the brief", async () => {
    for (const docId of ["docA", "docB"]) {
      const t = connectStockClient(relay.syncUrl, klass.doc(docId), klass.teacher);
      await waitSynced(t.provider);
      expect(t.doc.getText("body").toString()).toContain(`teacher wrote ${docId}`);
      t.destroy();
    }
    const v = connectStockClient(relay.syncUrl, klass.doc("brief"), viewer);
    await waitSynced(v.provider);
    expect(v.doc.getText("body").toString()).toBe("teacher wrote brief");
    v.destroy();
  });

  it("moving a student to the other group changes what she may open, on the next connection", async () => {
    const members = (await klass.as("GET", `/api/workspaces/${klass.id}/members`)).members as { id: string; name: string; groupIds: string[] }[];
    const bobEntry = members.find((m) => m.name === "Bob");
    const aliceEntry = members.find((m) => m.name === "Alice");
    await klass.as("PATCH", `/api/workspaces/${klass.id}/members/${aliceEntry?.id}`, { groupIds: bobEntry?.groupIds });
    const now = connectStockClient(relay.syncUrl, klass.doc("docB"), alice);
    await waitSynced(now.provider);
    expect(now.doc.getText("body").toString()).toBe("teacher wrote docB");
    now.destroy();
    const before = openRaw(relay.syncUrl, klass.doc("docA"), alice);
    expect((await before.closed).code).toBe(CloseCode.Forbidden);
  });
});
