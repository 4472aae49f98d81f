import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CommentThreads, anchorRange } from "@quire/comments";
import { checkCommentOnly } from "./comment-only-check.ts";

const me = { sub: "u-c", name: "Commenter" };

/** The relay's live doc (some text, one thread) and a commenter's synced copy. */
function setup(): { relay: Y.Doc; mine: Y.Doc; text: Y.XmlText; thread: string } {
  const relay = new Y.Doc();
  const p = new Y.XmlElement("paragraph");
  relay.getXmlElement("root-v2").insert(0, [p]);
  const text = new Y.XmlText();
  p.insert(0, [text]);
  text.insert(0, "The essay text.");
  const thread = new CommentThreads(relay).add({ ...anchorRange(text, 4, 9), quote: "essay", body: "good", author: { sub: "t", name: "Teacher" } });
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
  return { relay, mine, text, thread };
}

/** What `change` makes `doc` send, as one update. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

function xmlText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlElement("root-v2").get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("checkCommentOnly", () => {
  it("accepts a new thread, a reply, resolve and reopen (which overwrite comment items)", () => {
    const { relay, mine, thread } = setup();
    const threads = new CommentThreads(mine);
    const steps = [
      () => threads.add({ ...anchorRange(xmlText(mine), 0, 3), quote: "The", body: "why?", author: me }),
      () => threads.reply(thread, { body: "agreed", author: me }),
      () => threads.setResolved(thread, true, me),
      () => threads.setResolved(thread, false, me),
    ];
    for (const step of steps) {
      const update = updateOf(mine, step);
      expect(checkCommentOnly(relay, update, 10_000)).toEqual({ ok: true });
      Y.applyUpdate(relay, update);
    }
    expect(new CommentThreads(relay).list()).toHaveLength(2);
  });

  it("accepts a first comment on a doc that had none (the comments root is new to the relay)", () => {
    const relay = new Y.Doc();
    relay.getText("other").insert(0, "x");
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
    const update = updateOf(mine, () => new CommentThreads(mine).add({ start: Y.createRelativePositionFromTypeIndex(mine.getText("other"), 0), end: Y.createRelativePositionFromTypeIndex(mine.getText("other"), 1), quote: "x", body: "first", author: me }));
    expect(checkCommentOnly(relay, update, 10_000)).toEqual({ ok: true });
  });

  it("refuses text typed, text deleted, formatting, a new root and a comment bundled with a text edit", () => {
    const { relay, mine } = setup();
    const cases: [string, () => void][] = [
      ["insert", () => xmlText(mine).insert(3, " long")],
      ["delete", () => xmlText(mine).delete(0, 4)],
      ["format", () => xmlText(mine).format(0, 3, { bold: true })],
      ["new root", () => mine.getMap("other").set("k", 1)],
      [
        "bundled",
        () =>
          mine.transact(() => {
            new CommentThreads(mine).add({ ...anchorRange(xmlText(mine), 0, 3), quote: "The", body: "hi", author: me });
            xmlText(mine).insert(0, "!");
          }),
      ],
    ];
    for (const [name, change] of cases) {
      const real = updateOf(mine, change);
      const verdict = checkCommentOnly(relay, real, 10_000);
      expect(verdict.ok, name).toBe(false);
      // Reset `mine` to the relay's state for the next case.
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
    }
  });

  it("refuses a deletion of the comment root's neighbours in the text, and unknown clocks", () => {
    const { relay } = setup();
    const stranger = new Y.Doc();
    stranger.getText("t").insert(0, "abc");
    const foreign = Y.encodeStateAsUpdate(stranger);
    // Deletes the relay's text items by id, without any insert.
    const ds = new Y.Doc();
    Y.applyUpdate(ds, Y.encodeStateAsUpdate(relay));
    const textDelete = updateOf(ds, () => xmlText(ds).delete(0, 1));
    expect(checkCommentOnly(relay, textDelete, 10_000).ok).toBe(false);
    expect(checkCommentOnly(relay, foreign, 10_000).ok).toBe(false);
  });

  it("stops at the step budget", () => {
    const { relay, mine } = setup();
    const threads = new CommentThreads(mine);
    const update = updateOf(mine, () => {
      for (let i = 0; i < 50; i++) threads.add({ ...anchorRange(xmlText(mine), 0, 3), quote: "The", body: `c${i}`, author: me });
    });
    expect(checkCommentOnly(relay, update, 10_000)).toEqual({ ok: true });
    const verdict = checkCommentOnly(relay, update, 20);
    expect(verdict).toEqual({ ok: false, reason: "comment update too complex to check (more than 20 steps)" });
  });
});

describe("checkCommentOnly and sync step 2", () => {
  it("accepts a commenter's catch-up that carries others' old text deletions (Yjs sends the whole delete set)", () => {
    const { relay, mine } = setup();
    // Someone deleted text on the relay; the commenter's copy has seen it.
    xmlText(relay).delete(0, 4);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
    new CommentThreads(mine).add({ ...anchorRange(xmlText(mine), 0, 5), quote: "essay", body: "offline note", author: me });
    const step2 = Y.encodeStateAsUpdate(mine, Y.encodeStateVector(relay));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expect(checkCommentOnly(relay, step2, 10_000)).toEqual({ ok: true });
  });
});
