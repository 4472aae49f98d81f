/**
 * Issue 13: a student's device never receives another group's document titles. The class's
 * document list is split into one index doc per audience (IndexSplitter): the bytes a group-A
 * student's sockets receive hold no group-B title — also for a title that was class-wide
 * before the teacher put its document in group B, and for a class whose single index came
 * from before splits. Her new documents land in her group; moved to group B, she reads B's
 * list and no longer A's.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, storedDoc, syncStep1Frame, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { type TestClass, api, createClass } from "./class-fixture.ts";

const relay = useRelay();

/** Distinctive enough that it cannot appear in bytes by chance. */
const SECRET = "Zebra-Secret-Investigation-B";

/** Writes an entry as the app's WorkspaceIndex does (`docs` → id → fields). */
function addEntry(doc: Y.Doc, id: string, title: string, by: string): void {
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    fields.set("title", title);
    fields.set("createdAt", Date.now());
    fields.set("createdBy", by);
    fields.set("updatedAt", Date.now());
    fields.set("updatedBy", by);
    fields.set("trashedAt", null);
    doc.getMap("docs").set(id, fields);
  });
}

/** Every byte a raw socket on `docName` received after asking for everything, and how it closed. */
async function received(docName: string, token: string): Promise<{ bytes: Buffer; titles: string[]; code: number | null }> {
  const raw = openRaw(relay.syncUrl, docName, token);
  let code: number | null = null;
  void raw.closed.then((c) => {
    code = c.code;
  });
  await raw.opened.catch(() => {});
  if (code === null) raw.send(syncStep1Frame(new Y.Doc()));
  // The relay's sync step 2 (type 0, sync message 1) comes after its own step 1.
  await waitFor(() => code !== null || raw.messages.length >= 2, 10_000, `${docName} answered`);
  const bytes = Buffer.concat(raw.messages.map((m) => Buffer.from(m)));
  const refused: number | null = code;
  raw.ws.close();
  if (refused !== null) return { bytes, titles: [], code: refused };
  const client = connectStockClient(relay.syncUrl, docName, token);
  await waitSynced(client.provider);
  const titles = [...client.doc.getMap("docs").values()].map((f) => String((f as Y.Map<unknown>).get("title")));
  client.destroy();
  return { bytes, titles, code: null };
}

const layout = async (klass: TestClass, token: string) => (await api(relay, "GET", `/api/workspaces/${klass.id}/documents`, token)).body.index;

describe("a class's document list is split by audience", () => {
  let klass: TestClass;
  let a: string;
  let b: string;
  let alice: string;
  let aliceId: string;
  let bob: string;

  it("splits the list when the first group is made: the old index becomes the teachers'", async () => {
    klass = await createClass(relay);
    // Before groups: one index, as every workspace has.
    const t = connectStockClient(relay.syncUrl, `${klass.id}/index`, klass.teacher);
    await waitSynced(t.provider);
    addEntry(t.doc, "dbrief00001", "Class brief", "Ms Teacher");
    addEntry(t.doc, "dgroupa0001", "Alpha report", "Ms Teacher");
    addEntry(t.doc, "dgroupb0001", SECRET, "Ms Teacher");
    await waitFor(() => storedDoc(relay.dataDir, `${klass.id}/index`).getMap("docs").size === 3, 10_000, "index stored");
    t.destroy();
    a = await klass.group("Group A");
    b = await klass.group("Group B");
    const aliceMember = await klass.member("Alice", "student", [a]);
    aliceId = aliceMember.id;
    alice = await klass.signIn(aliceMember.code);
    bob = await klass.signIn((await klass.member("Bob", "student", [b])).code);
    expect(await layout(klass, alice)).toEqual({ parts: ["class", a], createIn: a });
    expect(await layout(klass, klass.teacher)).toEqual({ parts: ["class", a, b], createIn: "class" });
    expect((await received(`${klass.id}/index`, alice)).code).toBe(CloseCode.Forbidden);
    expect((await received(`${klass.id}/index`, klass.teacher)).code).toBeNull();
  });

  it("a document put in group B takes its title out of everything a group-A student receives", async () => {
    await klass.place("dgroupa0001", { groupId: a });
    await klass.place("dgroupb0001", { groupId: b });
    const classPart = await received(`${klass.id}/index/class`, alice);
    const groupPart = await received(`${klass.id}/index/${a}`, alice);
    expect(classPart.titles).toEqual(["Class brief"]);
    expect(groupPart.titles).toEqual(["Alpha report"]);
    // Not even as deleted content: the title was class-wide until the teacher moved it.
    for (const got of [classPart, groupPart]) expect(got.bytes.includes(SECRET)).toBe(false);
    expect((await received(`${klass.id}/index/${b}`, alice)).code).toBe(CloseCode.Forbidden);
    expect((await received(`${klass.id}/index/${b}`, bob)).titles).toEqual([SECRET]);
    expect((await received(`${klass.id}/index/${b}`, klass.teacher)).titles).toEqual([SECRET]);
  });

  it("a document a student creates in her group's list is her group's: the other group cannot open it", async () => {
    const mine = connectStockClient(relay.syncUrl, `${klass.id}/index/${a}`, alice);
    await waitSynced(mine.provider);
    addEntry(mine.doc, "dalicenew01", "Alice's notes", "Alice");
    await waitFor(async () => (await api(relay, "GET", `/api/workspaces/${klass.id}/documents/dalicenew01/access`, bob)).status === 403, 10_000, "placed in group A");
    mine.destroy();
    expect((await api(relay, "GET", `/api/workspaces/${klass.id}/documents/dalicenew01/access`, alice)).body.write).toBe(true);
  });

  it("a student moved to group B reads B's list and no longer A's", async () => {
    await klass.as("PATCH", `/api/workspaces/${klass.id}/members/${aliceId}`, { groupIds: [b] });
    expect(await layout(klass, alice)).toEqual({ parts: ["class", b], createIn: b });
    expect((await received(`${klass.id}/index/${a}`, alice)).code).toBe(CloseCode.Forbidden);
    expect((await received(`${klass.id}/index/${b}`, alice)).titles).toEqual([SECRET]);
  });

  it("a workspace without groups keeps its one index for everyone", async () => {
    const plain = await createClass(relay, "Book club");
    const joined = await api(relay, "POST", "/api/join", undefined, { code: plain.joinCodes.editor, userName: "Reader" });
    expect((await api(relay, "GET", `/api/workspaces/${plain.id}/documents`, joined.body.token)).body.index).toBeUndefined();
    expect((await received(`${plain.id}/index`, joined.body.token)).code).toBeNull();
  });
});

describe("a class with groups from before split indexes", () => {
  it("is split when the relay starts: her sockets receive no other group's title", async () => {
    const klass = await createClass(relay, "Old class");
    const t = connectStockClient(relay.syncUrl, `${klass.id}/index`, klass.teacher);
    await waitSynced(t.provider);
    addEntry(t.doc, "doldgroupa1", "Old alpha", "Ms Teacher");
    addEntry(t.doc, "doldgroupb1", SECRET, "Ms Teacher");
    await waitFor(() => storedDoc(relay.dataDir, `${klass.id}/index`).getMap("docs").size === 2, 10_000, "index stored");
    t.destroy();
    // Groups and placements as an older relay stored them: no split.
    await relay.stop({ removeData: false });
    const db = new Database(join(relay.dataDir, "quire.sqlite"));
    const insertGroup = db.prepare("INSERT INTO class_groups (id, workspace, name, created_at) VALUES (?, ?, ?, 0)");
    const place = db.prepare("INSERT INTO class_documents (doc, workspace, group_id) VALUES (?, ?, ?)");
    insertGroup.run("g_oldAAAAA", klass.id, "Old A");
    insertGroup.run("g_oldBBBBB", klass.id, "Old B");
    place.run(`${klass.id}/doldgroupa1`, klass.id, "g_oldAAAAA");
    place.run(`${klass.id}/doldgroupb1`, klass.id, "g_oldBBBBB");
    db.close();
    await relay.restart();
    const student = await klass.signIn((await klass.member("Ada", "student", ["g_oldAAAAA"])).code);
    expect(await layout(klass, student)).toEqual({ parts: ["class", "g_oldAAAAA"], createIn: "g_oldAAAAA" });
    const got = [await received(`${klass.id}/index/class`, student), await received(`${klass.id}/index/g_oldAAAAA`, student)];
    expect(got.map((g) => g.titles)).toEqual([[], ["Old alpha"]]);
    for (const g of got) expect(g.bytes.includes(SECRET)).toBe(false);
    expect((await received(`${klass.id}/index`, student)).code).toBe(CloseCode.Forbidden);
  });
});
