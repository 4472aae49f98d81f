import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CommentThreads, anchorRange } from "@quire/comments";
import { checkCommentAuthors, mayNameCommentAuthor } from "./comment-author-check.ts";

const me = { sub: "u-me", name: "Me" };
const teacher = { sub: "u-teacher", name: "Teacher" };

/** The relay's live doc (some text, one thread by the teacher) and a member's synced copy. */
function setup(): { relay: Y.Doc; mine: Y.Doc; thread: string } {
  const relay = new Y.Doc();
  const text = relay.getText("body");
  text.insert(0, "The essay text.");
  const thread = new CommentThreads(relay).add({ ...anchorRange(text, 4, 9), quote: "essay", body: "good", author: teacher });
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
  return { relay, mine, thread };
}

function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

describe("checkCommentAuthors", () => {
  it("accepts a thread, a reply, a resolve and a reopen written as the sender", () => {
    const { relay, mine, thread } = setup();
    const threads = new CommentThreads(mine);
    const text = mine.getText("body");
    for (const change of [
      () => threads.add({ ...anchorRange(text, 0, 3), quote: "The", body: "why?", author: me }),
      () => threads.reply(thread, { body: "agreed", author: me }),
      () => threads.setResolved(thread, true, me),
      () => threads.setResolved(thread, false, me),
    ]) {
      const update = updateOf(mine, change);
      expect(checkCommentAuthors(relay, update, me.sub, 10_000)).toEqual({ ok: true });
      Y.applyUpdate(relay, update);
    }
  });

  it("refuses a thread, a reply or a resolve written as someone else, naming the client id", () => {
    const { relay, mine, thread } = setup();
    const threads = new CommentThreads(mine);
    const text = mine.getText("body");
    for (const change of [
      () => threads.add({ ...anchorRange(text, 0, 3), quote: "The", body: "as the teacher", author: teacher }),
      () => threads.reply(thread, { body: "as the teacher", author: teacher }),
      () => threads.setResolved(thread, true, teacher),
    ]) {
      const update = updateOf(mine, change);
      const verdict = checkCommentAuthors(relay, update, me.sub, 10_000);
      expect(verdict).toMatchObject({ ok: false, clients: [mine.clientID] });
      expect(verdict.ok ? "" : verdict.reason).toMatch(/forged comment author.*u-teacher/);
    }
  });

  it("refuses a second resolve as someone else: the update leaves the `resolvedBy` key out (it follows its origin)", () => {
    const { relay, mine, thread } = setup();
    const threads = new CommentThreads(mine);
    const first = updateOf(mine, () => threads.setResolved(thread, true, me));
    Y.applyUpdate(relay, first);
    const forged = updateOf(mine, () => threads.setResolved(thread, false, teacher));
    // Before the fix the byte filter looked for the key's name, which this update does not hold.
    expect(Buffer.from(forged).includes(Buffer.from("resolvedBy"))).toBe(false);
    expect(checkCommentAuthors(relay, forged, me.sub, 10_000)).toMatchObject({ ok: false, clients: [mine.clientID] });
  });

  it("ignores an `author` key outside the comments root, and text that merely says author", () => {
    const { relay, mine } = setup();
    const update = updateOf(mine, () => {
      mine.getMap("meta").set("author", { sub: "someone", name: "x" });
      mine.getText("body").insert(0, "author: ");
    });
    expect(mayNameCommentAuthor(update)).toBe(true);
    expect(checkCommentAuthors(relay, update, me.sub, 10_000)).toEqual({ ok: true });
    expect(mayNameCommentAuthor(updateOf(mine, () => mine.getText("body").insert(0, "plain")))).toBe(false);
  });

  it("refuses over the step budget", () => {
    const { relay, mine } = setup();
    const threads = new CommentThreads(mine);
    const update = updateOf(mine, () => {
      for (let i = 0; i < 20; i++) threads.add({ ...anchorRange(mine.getText("body"), 0, 3), quote: "The", body: `n${i}`, author: teacher });
    });
    expect(checkCommentAuthors(relay, update, me.sub, 5)).toMatchObject({ ok: false, reason: expect.stringMatching(/too complex/) });
  });
});
