/**
 * Issue 15 over the hub ↔ upstream link: a pushed file's part by a member who may comment but
 * not write (a commenter; a student on a locked document) is accepted when it writes only
 * comments, credited to her; her text edit is refused whole, nothing applied. Every pushed
 * comment names its own author: a hub cannot post as the teacher. Over HTTP to a real relay.
 */
import { CommentThreads, anchorRange } from "@quire/comments";
import { generateDeviceKey, writeSyncFile } from "@quire/syncfile";
import { connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { api, claimsOf, createClass } from "./class-fixture.ts";
import { historyCall } from "./history-client.ts";

const relay = useRelay({ env: { CHECKPOINT_IDLE_MS: "600000" } });

type Author = { userId: string; name: string };
type Edit = { author: Author; client: number; change: (doc: Y.Doc) => void };

/** A one-document sync file: the upstream's state, then each edit under its own client id, claimed for its author. */
function fileFor(classId: string, doc: string, base: Uint8Array, edits: Edit[]): Uint8Array {
  const ydoc = new Y.Doc({ gc: false });
  Y.applyUpdate(ydoc, base);
  for (const edit of edits) {
    ydoc.clientID = edit.client;
    edit.change(ydoc);
  }
  const authors = edits.map((e) => ({ ...e.author, updates: 1, lastAt: Date.now(), clients: [e.client] }));
  return writeSyncFile({
    workspace: { id: classId, name: "Class" },
    signer: { kind: "relay", name: "Classroom hub", secretKey: generateDeviceKey() },
    documents: [{ name: doc, state: Y.encodeStateAsUpdate(ydoc), authors }],
  }).file;
}

async function push(credential: string, classId: string, file: Uint8Array): Promise<{ status: number; body: { error?: { message: string }; documents?: { authors: string[] }[] } }> {
  const response = await fetch(`${relay.httpUrl}/hub/v1/classes/${classId}/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/vnd.quire.sync-file" },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as never };
}

const addThread = (author: Author, body: string) => (doc: Y.Doc) =>
  new CommentThreads(doc, Date.now, () => `t-${body}`).add({ ...anchorRange(doc.getText("body"), 4, 9), quote: "essay", body, author: { sub: author.userId, name: author.name } });

describe("a commenter's work pushed by a hub", () => {
  it("her comments arrive upstream credited to her; her text edit and a forged author are refused", async () => {
    const cls = await createClass(relay, "Class 8D");
    const partner = await cls.member("Partner", "commenter");
    const ana = await cls.member("Ana", "student");
    const her: Author = { userId: partner.id, name: "Partner" };
    const anaAuthor: Author = { userId: ana.id, name: "Ana" };
    const teacher: Author = { userId: claimsOf(cls.teacher).sub as string, name: "Teacher" };
    const issued = await api(relay, "POST", `/api/workspaces/${cls.id}/hub-credential`, cls.teacher, { name: "Laptop" });
    const credential = issued.body.credential as string;
    const doc = cls.doc("essay");
    const writer = connectStockClient(relay.syncUrl, doc, cls.teacher);
    await waitSynced(writer.provider);
    writer.doc.getText("body").insert(0, "The essay text.");
    await waitFor(() => storedDoc(relay.dataDir, doc).getText("body").toString() === "The essay text.", 10_000, "text stored upstream");
    const base = () => Y.encodeStateAsUpdate(storedDoc(relay.dataDir, doc));

    // Her text edit: refused whole (Ana's thread in the same file is not applied either).
    const textEdit = await push(credential, cls.id, fileFor(cls.id, doc, base(), [
      { author: anaAuthor, client: 901, change: addThread(anaAuthor, "ana") },
      { author: her, client: 902, change: (d) => d.getText("body").insert(0, "HACKED ") },
    ]));
    expect(textEdit.status).toBe(403);
    expect(textEdit.body.error?.message).toMatch(/may not write.*she may only comment: read-only: as a commenter you may add comments, not change the text/);

    // A comment in her name by someone else, and one by her in the teacher's name: refused.
    for (const edits of [
      [{ author: anaAuthor, client: 903, change: addThread(her, "posed") }],
      [{ author: her, client: 904, change: addThread(teacher, "forged") }],
    ]) {
      const forged = await push(credential, cls.id, fileFor(cls.id, doc, base(), edits));
      expect(forged.status).toBe(403);
      expect(forged.body.error?.message).toMatch(/forged comment author/);
    }
    expect(new CommentThreads(storedDoc(relay.dataDir, doc)).list()).toEqual([]);
    expect(storedDoc(relay.dataDir, doc).getText("body").toString()).toBe("The essay text.");

    // Her comment, and her reply in Ana's thread of the same file: accepted, credited to each.
    const accepted = await push(credential, cls.id, fileFor(cls.id, doc, base(), [
      { author: anaAuthor, client: 905, change: addThread(anaAuthor, "ana") },
      {
        author: her,
        client: 906,
        change: (d) => {
          addThread(her, "partner")(d);
          new CommentThreads(d).reply("t-ana", { body: "agreed", author: { sub: her.userId, name: her.name } });
        },
      },
    ]));
    expect(accepted.status).toBe(200);
    expect(accepted.body.documents?.[0]?.authors.sort()).toEqual([ana.id, partner.id].sort());
    await waitFor(() => new CommentThreads(writer.doc).list().length === 2, 10_000, "both threads reached the teacher's live copy");
    const threads = new CommentThreads(storedDoc(relay.dataDir, doc));
    expect(threads.get("t-partner")?.author.sub).toBe(partner.id);
    expect(threads.get("t-ana")?.replies.map((r) => [r.author.sub, r.body])).toEqual([[partner.id, "agreed"]]);
    const records = (await historyCall(relay.httpUrl, cls.teacher, "GET", doc, "/history")).json as { records: { userId: string }[] };
    expect(records.records.map((r) => r.userId)).toContain(partner.id);

    // A student on a locked document: her comment is accepted, her text told it is locked.
    await cls.place("essay", { locked: true });
    const late = await push(credential, cls.id, fileFor(cls.id, doc, base(), [{ author: anaAuthor, client: 907, change: (d) => d.getText("body").insert(0, "late ") }]));
    expect(late.status).toBe(403);
    expect(late.body.error?.message).toMatch(/locked/);
    const note = await push(credential, cls.id, fileFor(cls.id, doc, base(), [{ author: anaAuthor, client: 908, change: addThread(anaAuthor, "handed-in") }]));
    expect(note.status).toBe(200);
    expect(new CommentThreads(storedDoc(relay.dataDir, doc)).get("t-handed-in")?.author.sub).toBe(ana.id);
    writer.destroy();
  });
});
