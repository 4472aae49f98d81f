/**
 * Suggestions at the relay (issue 15 item 2): an entry's author must be its sender, checked as
 * comment authors are (comment-author-check.ts), on the live path and for a sync step 2's
 * clients; and a commenter cannot suggest — suggestions are edits, refused by the
 * comment-only check like text.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Suggestions } from "@quire/comments";
import { checkCommentAuthors } from "./comment-author-check.ts";
import { checkCommentOnly } from "./comment-only-check.ts";

const me = { sub: "u-me", name: "Me" };
const teacher = { sub: "u-teacher", name: "Teacher" };

function setup(): { relay: Y.Doc; mine: Y.Doc } {
  const relay = new Y.Doc();
  relay.getText("body").insert(0, "The essay text.");
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
  return { relay, mine };
}

function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

describe("suggestion authors and roles at the relay", () => {
  it("accepts a proposal as the sender, and its extension, accept and reject", () => {
    const { relay, mine } = setup();
    const model = new Suggestions(mine);
    const text = mine.getText("body");
    const steps = [
      () => model.propose("delete", text, 4, 9, me),
      () => model.propose("delete", text, 9, 10, me),
      () => model.reject(model.located()[0]?.id as string),
    ];
    for (const step of steps) {
      const update = updateOf(mine, step);
      expect(checkCommentAuthors(relay, update, me.sub, 10_000)).toEqual({ ok: true });
      Y.applyUpdate(relay, update);
    }
  });

  it("refuses a proposal written as someone else, naming the client id — first entry and later ones", () => {
    const { relay, mine } = setup();
    const model = new Suggestions(mine);
    const first = updateOf(mine, () => model.propose("insert", mine.getText("body"), 0, 3, teacher));
    expect(checkCommentAuthors(relay, first, me.sub, 10_000)).toMatchObject({ ok: false, clients: [mine.clientID], reason: expect.stringMatching(/forged.*u-teacher/) });
    // Once the doc has suggestions, a forged author is found without the root's name in the update.
    const later = setup();
    let id = "";
    Y.applyUpdate(
      later.relay,
      updateOf(later.mine, () => {
        id = new Suggestions(later.mine).propose("delete", later.mine.getText("body"), 10, 12, me) as string;
      }),
    );
    const entry = later.mine.getMap("suggestions").get(id) as Y.Map<unknown>;
    const forged = updateOf(later.mine, () => entry.set("author", teacher));
    expect(checkCommentAuthors(later.relay, forged, me.sub, 10_000)).toMatchObject({ ok: false, clients: [later.mine.clientID] });
  });

  it("a commenter cannot suggest: a proposal is not a comment", () => {
    const { relay, mine } = setup();
    const update = updateOf(mine, () => new Suggestions(mine).propose("delete", mine.getText("body"), 4, 9, me));
    expect(checkCommentOnly(relay, update, 10_000)).toMatchObject({ ok: false });
  });
});
