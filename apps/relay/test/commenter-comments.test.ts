/**
 * Issue 15: a commenter writes the document's comments and nothing else. Over real sockets to
 * the built relay with stock y-websocket clients: her comment is saved and broadcast; her text
 * edit is refused (4533 with the reason) and kept nowhere; a viewer's comment is refused; a
 * student on a locked document may still comment. Every member's comments, replies and
 * resolves name her as their author: one written as someone else is refused and kept nowhere.
 */
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { CommentThreads, anchorRange } from "@quire/comments";
import { CloseCode } from "@quire/core";
import { type StockClient, connectStockClient, storedDoc, useRelay, waitFor, waitSynced } from "@quire/testkit";
import { type TestClass, claimsOf, createClass } from "./class-fixture.ts";

const relay = useRelay();

function stored(klass: TestClass): Y.Doc {
  return storedDoc(relay.dataDir, klass.doc("essay"));
}

function comment(client: StockClient, body: string, sub: string): string {
  const text = client.doc.getText("body");
  return new CommentThreads(client.doc).add({ ...anchorRange(text, 4, 9), quote: "essay", body, author: { sub, name: sub } });
}

async function classWithText(): Promise<{ klass: TestClass; teacher: StockClient }> {
  const klass = await createClass(relay);
  const teacher = connectStockClient(relay.syncUrl, klass.doc("essay"), klass.teacher);
  await waitSynced(teacher.provider);
  teacher.doc.getText("body").insert(0, "The essay text.");
  await waitFor(() => stored(klass).getText("body").toString() === "The essay text.", 10_000, "teacher's text stored");
  return { klass, teacher };
}

describe("commenters write comments only", () => {
  it("a commenter's comment is saved and broadcast; her text edit closes her socket with 4533 and is kept nowhere", async () => {
    const { klass, teacher } = await classWithText();
    const partner = await klass.member("Partner school", "commenter");
    const commenter = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn(partner.code));
    await waitSynced(commenter.provider);

    const id = comment(commenter, "Which essay?", partner.id);
    await waitFor(() => new CommentThreads(teacher.doc).get(id) !== null, 10_000, "comment broadcast to the teacher");
    await waitFor(() => new CommentThreads(stored(klass)).get(id)?.body === "Which essay?", 10_000, "comment stored");
    new CommentThreads(commenter.doc).setResolved(id, true, { sub: partner.id, name: "partner" });
    await waitFor(() => new CommentThreads(stored(klass)).get(id)?.resolved === true, 10_000, "resolve stored");
    expect(commenter.closes).toEqual([]);

    commenter.doc.getText("body").insert(0, "HACKED ");
    await waitFor(() => commenter.closes.length > 0, 10_000, "the commenter's socket closed");
    expect(commenter.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    expect(commenter.closes[0]?.reason).toMatch(/as a commenter you may add comments, not change the text/);
    // Her reconnect's sync step 2 carries the edit again: denied, not stored, no close loop.
    await waitFor(() => commenter.provider.wsconnected, 10_000, "reconnected");
    await new Promise((r) => setTimeout(r, 500));
    expect(stored(klass).getText("body").toString()).toBe("The essay text.");
    expect(teacher.doc.getText("body").toString()).toBe("The essay text.");
    expect(commenter.closes.filter((c) => c.code === CloseCode.ReadOnlyNow)).toHaveLength(1);
    commenter.destroy();
    teacher.destroy();
  });

  it("a viewer's comment is refused: not stored, not broadcast", async () => {
    const { klass, teacher } = await classWithText();
    const viewer = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn((await klass.member("Parent", "viewer")).code));
    await waitSynced(viewer.provider);
    const id = comment(viewer, "I am a parent", "parent");
    // A later teacher comment arriving proves the relay handled the viewer's update before it.
    const later = comment(teacher, "teacher note", claimsOf(klass.teacher).sub as string);
    await waitFor(() => new CommentThreads(stored(klass)).get(later) !== null, 10_000, "teacher's comment stored");
    await waitFor(() => new CommentThreads(viewer.doc).get(later) !== null, 10_000, "teacher's comment at the viewer");
    expect(new CommentThreads(stored(klass)).get(id)).toBeNull();
    expect(new CommentThreads(teacher.doc).get(id)).toBeNull();
    viewer.destroy();
    teacher.destroy();
  });

  it("a student on a locked document may comment but not edit", async () => {
    const { klass, teacher } = await classWithText();
    const sam = await klass.member("Sam", "student");
    const student = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn(sam.code));
    await waitSynced(student.provider);
    await klass.place("essay", { locked: true });
    const id = comment(student, "I handed it in", sam.id);
    await waitFor(() => new CommentThreads(stored(klass)).get(id) !== null, 10_000, "locked student's comment stored");
    student.doc.getText("body").insert(0, "late ");
    await waitFor(() => student.closes.length > 0, 10_000, "the student's text edit refused");
    expect(stored(klass).getText("body").toString()).toBe("The essay text.");
    student.destroy();
    teacher.destroy();
  });

  it("a comment written as someone else is refused (4533) and kept nowhere; an honest comment and another member's resolve pass", async () => {
    const { klass, teacher } = await classWithText();
    const teacherSub = claimsOf(klass.teacher).sub as string;
    const ana = await klass.member("Ana", "student");
    const student = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn(ana.code));
    await waitSynced(student.provider);

    // Honest: Ana comments as herself; the teacher resolves Ana's thread as herself.
    const honest = comment(student, "Is this clear?", ana.id);
    await waitFor(() => new CommentThreads(teacher.doc).get(honest) !== null, 10_000, "honest comment at the teacher");
    new CommentThreads(teacher.doc).setResolved(honest, true, { sub: teacherSub, name: "Teacher" });
    await waitFor(() => new CommentThreads(stored(klass)).get(honest)?.resolvedBy?.sub === teacherSub, 10_000, "teacher's resolve stored");
    await waitFor(() => new CommentThreads(student.doc).get(honest)?.resolved === true, 10_000, "resolve at Ana");
    expect(student.closes).toEqual([]);
    expect(teacher.closes).toEqual([]);

    // Forged: Ana posts as the teacher.
    const forged = comment(student, "Full marks, signed the teacher", teacherSub);
    await waitFor(() => student.closes.length > 0, 10_000, "Ana's socket closed");
    expect(student.closes[0]?.code).toBe(CloseCode.ReadOnlyNow);
    expect(student.closes[0]?.reason).toMatch(/forged comment author/);
    // Her reconnect's sync step 2 carries it again: left out, no close loop, stored nowhere.
    await waitFor(() => student.provider.wsconnected && student.provider.synced, 10_000, "reconnected");
    const later = comment(teacher, "a later note", teacherSub);
    await waitFor(() => new CommentThreads(stored(klass)).get(later) !== null, 10_000, "a later comment stored");
    await waitFor(() => new CommentThreads(student.doc).get(later) !== null, 10_000, "the later comment reached Ana");
    expect(new CommentThreads(stored(klass)).get(forged)).toBeNull();
    expect(new CommentThreads(teacher.doc).get(forged)).toBeNull();
    expect(student.closes.filter((c) => c.code === CloseCode.ReadOnlyNow)).toHaveLength(1);

    // A forged reply and a forged resolve on the teacher's thread are refused too.
    for (const forge of [
      (threads: CommentThreads) => threads.reply(later, { body: "me too", author: { sub: teacherSub, name: "Teacher" } }),
      (threads: CommentThreads) => threads.setResolved(later, true, { sub: teacherSub, name: "Teacher" }),
    ]) {
      const again = connectStockClient(relay.syncUrl, klass.doc("essay"), await klass.signIn(ana.code));
      await waitSynced(again.provider);
      forge(new CommentThreads(again.doc));
      await waitFor(() => again.closes.length > 0, 10_000, "forged write refused");
      expect(again.closes[0]?.reason).toMatch(/forged comment author/);
      again.destroy();
    }
    const stillThere = new CommentThreads(stored(klass)).get(later);
    expect(stillThere?.replies).toEqual([]);
    expect(stillThere?.resolved).toBe(false);
    student.destroy();
    teacher.destroy();
  });
});
