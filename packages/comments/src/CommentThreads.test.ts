import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorRange, resolveAnchor } from "./anchor.ts";
import { COMMENTS_ROOT } from "./comment-limits.ts";
import { CommentInputError, CommentThreads } from "./CommentThreads.ts";
import { summarizeThreads } from "./thread-counts.ts";
import { commentWriteIds } from "./write-ids.ts";

const ann = { sub: "u-ann", name: "Ann" };
const ben = { sub: "u-ben", name: "Ben" };

/** A doc shaped like the editor's: root-v2 > paragraph > XmlText. */
function editorDoc(text: string): { doc: Y.Doc; para: Y.XmlText } {
  const doc = new Y.Doc();
  const root = doc.getXmlElement("root-v2");
  const p = new Y.XmlElement("paragraph");
  root.insert(0, [p]);
  const para = new Y.XmlText();
  p.insert(0, [para]);
  para.insert(0, text);
  return { doc, para };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function commented(doc: Y.Doc, id: string): string {
  const thread = new CommentThreads(doc).get(id);
  const at = thread && resolveAnchor(doc, thread);
  return at ? (at.type as Y.XmlText).toString().slice(at.start, at.end) : "(detached)";
}

function xmlTextOf(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlElement("root-v2").get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("CommentThreads", () => {
  it("two offline members comment on one paragraph while the words around it change: both threads stay on their words", () => {
    const { doc: a } = editorDoc("The quick brown fox jumps over the lazy dog.");
    const b = new Y.Doc();
    sync(a, b);
    const textA = xmlTextOf(a);
    const textB = xmlTextOf(b);
    // Ann comments on "brown fox" (10..19), Ben on "lazy dog" (35..43), each offline.
    const r1 = anchorRange(textA, 10, 19);
    const t1 = new CommentThreads(a).add({ ...r1, quote: "brown fox", body: "which fox?", author: ann });
    const r2 = anchorRange(textB, 35, 43);
    const t2 = new CommentThreads(b).add({ ...r2, quote: "lazy dog", body: "tired, not lazy", author: ben });
    // Meanwhile the text around both ranges is edited on both sides.
    textA.insert(0, "Yesterday, ");
    textA.insert(textA.toString().indexOf("brown fox") + "brown fox".length, " (red?)");
    textB.delete(4, 6); // "quick "
    textB.insert(textB.toString().indexOf("lazy"), "very ");
    textB.insert(textB.toString().length, " The end.");
    sync(a, b);
    expect(textA.toString()).toBe(textB.toString());
    for (const doc of [a, b]) {
      expect(commented(doc, t1)).toBe("brown fox");
      expect(commented(doc, t2)).toBe("lazy dog");
      expect(new CommentThreads(doc).list().map((t) => t.id).sort()).toEqual([t1, t2].sort());
    }
  });

  it("replies, resolve and reopen sync; counts follow", () => {
    const { doc: a, para } = editorDoc("hello world");
    const b = new Y.Doc();
    const threadsA = new CommentThreads(a, () => 1000);
    const id = threadsA.add({ ...anchorRange(para, 0, 5), quote: "hello", body: "  greeting?  ", author: ann });
    sync(a, b);
    const threadsB = new CommentThreads(b, () => 2000);
    threadsB.reply(id, { body: "yes @Ann", author: ben, mentions: [ann.sub] });
    threadsB.setResolved(id, true, ben);
    sync(a, b);
    const seen = threadsA.get(id);
    expect(seen?.body).toBe("greeting?");
    expect(seen?.replies.map((r) => [r.body, r.author.sub, r.mentions])).toEqual([["yes @Ann", "u-ben", ["u-ann"]]]);
    expect(seen?.resolved).toBe(true);
    expect(seen?.resolvedBy).toEqual(ben);
    expect(summarizeThreads(a)).toEqual({ open: 0, resolved: 1 });
    threadsA.setResolved(id, false, ann);
    sync(a, b);
    expect(threadsB.get(id)?.resolved).toBe(false);
    expect(summarizeThreads(b)).toEqual({ open: 1, resolved: 0 });
  });

  it("a thread whose words were deleted is detached; empty and oversized bodies are refused", () => {
    const { doc, para } = editorDoc("delete me please");
    const threads = new CommentThreads(doc);
    const id = threads.add({ ...anchorRange(para, 7, 9), quote: "me", body: "x", author: ann });
    para.delete(6, 3);
    expect(resolveAnchor(doc, threads.get(id)!)).toBeNull();
    expect(threads.get(id)?.quote).toBe("me");
    expect(() => threads.add({ ...anchorRange(para, 0, 1), quote: "d", body: "   ", author: ann })).toThrow(CommentInputError);
    expect(() => threads.reply(id, { body: "y".repeat(5000), author: ann })).toThrow(CommentInputError);
  });

  it("skips threads another device wrote in the wrong shape instead of rendering them", () => {
    const { doc, para } = editorDoc("text");
    const threads = new CommentThreads(doc);
    const good = threads.add({ ...anchorRange(para, 0, 4), quote: "text", body: "ok", author: ann });
    const root = doc.getMap(COMMENTS_ROOT);
    root.set("bad-1", "not a map");
    const bad = new Y.Map<unknown>();
    bad.set("body", 42);
    root.set("bad-2", bad);
    expect(threads.list().map((t) => t.id)).toEqual([good]);
  });

  it("reading counts does not create the comments root", () => {
    const { doc } = editorDoc("text");
    expect(summarizeThreads(doc)).toEqual({ open: 0, resolved: 0 });
    expect(doc.share.has(COMMENTS_ROOT)).toBe(false);
  });

  it("commentWriteIds: the Yjs item each thread and reply was written as (what the relay's provenance names)", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "hello world");
    const threads = new CommentThreads(doc);
    const first = threads.add({ ...anchorRange(text, 0, 5), quote: "hello", body: "one", author: { sub: "u1", name: "Ann" } });
    const r1 = threads.reply(first, { body: "a", author: { sub: "u2", name: "Ben" } });
    const r2 = threads.reply(first, { body: "b", author: { sub: "u1", name: "Ann" } });
    const before = Y.encodeStateVector(doc);
    const second = threads.add({ ...anchorRange(text, 6, 11), quote: "world", body: "two", author: { sub: "u1", name: "Ann" } });
    const ids = commentWriteIds(threads);
    expect([...ids.keys()].sort()).toEqual([first, r1, r2, second].sort());
    for (const id of ids.values()) expect(id.client).toBe(doc.clientID);
    // Each id is an item inserted by the update that wrote it: the second thread's is in the update after `before`.
    const secondId = ids.get(second);
    const after = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before));
    expect(after.structs.some((s) => s.id.client === secondId?.client && s.id.clock <= (secondId?.clock ?? -1) && (secondId?.clock ?? -1) < s.id.clock + s.length)).toBe(true);
    expect((ids.get(r2)?.clock ?? 0) > (ids.get(r1)?.clock ?? 0)).toBe(true);
  });
});
