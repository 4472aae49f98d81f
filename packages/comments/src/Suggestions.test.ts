/**
 * The suggestion model (issue 15 item 2): proposals made offline, accepted or rejected on
 * another device, keep their text and their proposer's credit; and a seeded random run of
 * concurrent edits, proposals, accepts and rejects on three devices keeps every device's
 * marks the same and inside the text. Replay one seed with
 *   SEED=<seed> pnpm -s exec vitest run --project core packages/comments/src/Suggestions.test.ts
 */
import { createRandom, planSeeds, replayCommand, withReplay } from "@quire/testkit";
import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { localInsertions } from "./local-insertions.ts";
import { Suggestions } from "./Suggestions.ts";

const ann = { sub: "u-ann", name: "Ann" };
const ben = { sub: "u-ben", name: "Ben" };
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

function paragraphDoc(text: string, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const p = new Y.XmlElement("paragraph");
  doc.getXmlElement("root-v2").insert(0, [p]);
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  return doc;
}

function fork(from: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const textOf = (doc: Y.Doc): Y.XmlText => (doc.getXmlElement("root-v2").get(0) as Y.XmlElement).get(0) as Y.XmlText;
const plain = (doc: Y.Doc): string => textOf(doc).toDelta().map((d: { insert: string }) => d.insert).join("");

/** Which client inserted each visible character (what history's attribution reads). */
function writers(doc: Y.Doc): number[] {
  const out: number[] = [];
  for (let item = textOf(doc)._start; item; item = item.right) {
    if (!item.deleted && item.countable) for (let i = 0; i < item.length; i++) out.push(item.id.client);
  }
  return out;
}

/** Types as a Suggesting member: the insertion is proposed the way the editor plugin does it. */
function suggestTyping(doc: Y.Doc, author: typeof ann, index: number, text: string): void {
  const s = new Suggestions(doc);
  const origin = { typing: true };
  const root = doc.getXmlElement("root-v2");
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    if (tr.origin !== origin) return;
    for (const ins of localInsertions(events)) s.propose("insert", ins.type, ins.from, ins.to, author);
  };
  root.observeDeep(handler);
  for (let i = 0; i < text.length; i++) doc.transact(() => textOf(doc).insert(index + i, text[i] as string), origin);
  root.unobserveDeep(handler);
}

describe("Suggestions", () => {
  it("an offline proposal accepted on another device keeps the proposer's text and credit; a rejected deletion keeps the text", () => {
    const a = paragraphDoc("The fox jumps.", 1);
    const b = fork(a, 2);
    // Ann, offline, types "red " before "fox" (one proposal, not one per letter) and proposes deleting " jumps".
    suggestTyping(a, ann, 4, "red ");
    new Suggestions(a).propose("delete", textOf(a), 11, 17, ann);
    expect(plain(a)).toBe("The red fox jumps.");
    // Meanwhile Ben edits elsewhere.
    textOf(b).insert(0, "See: ");
    sync(a, b);
    const onB = new Suggestions(b);
    const [ins, del] = onB.located().sort((x, y) => x.from - y.from);
    expect(onB.located()).toHaveLength(2);
    expect([ins?.kind, ins?.text, ins?.author.sub]).toEqual(["insert", "red ", "u-ann"]);
    expect([del?.kind, del?.text]).toEqual(["delete", " jumps"]);
    onB.accept(ins?.id as string);
    onB.reject(del?.id as string);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(plain(doc)).toBe("See: The red fox jumps.");
      expect(new Suggestions(doc).located()).toEqual([]);
    }
    // "red " is still Ann's client's text: history credits her.
    expect(writers(b).slice(9, 13)).toEqual([1, 1, 1, 1]);
  });

  it("rejecting an insertion removes its text; accepting a deletion deletes; accept all and reject all settle every one", () => {
    const a = paragraphDoc("one two three", 1);
    const s = new Suggestions(a);
    s.propose("insert", textOf(a), 0, 3, ann);
    s.propose("delete", textOf(a), 8, 13, ben);
    const [ins, del] = s.located().sort((x, y) => x.from - y.from);
    s.reject(ins?.id as string);
    s.accept(del?.id as string);
    expect(plain(a)).toBe(" two ");
    const b = paragraphDoc("alpha beta gamma", 1);
    const sb = new Suggestions(b);
    sb.propose("insert", textOf(b), 0, 6, ann);
    sb.propose("delete", textOf(b), 11, 16, ann);
    sb.settleAll(true);
    expect([plain(b), sb.located()]).toEqual(["alpha beta ", []]);
    sb.propose("insert", textOf(b), 0, 6, ann);
    sb.propose("delete", textOf(b), 6, 10, ann);
    sb.settleAll(false);
    expect([plain(b), sb.located()]).toEqual(["beta ", []]);
  });

  it("adjacent proposals of one member merge; another member's stay apart; one's own insertion can be deleted for real", () => {
    const a = paragraphDoc("abcdef", 1);
    const s = new Suggestions(a);
    const first = s.propose("delete", textOf(a), 3, 4, ann);
    expect(s.propose("delete", textOf(a), 2, 3, ann)).toBe(first);
    expect(s.propose("delete", textOf(a), 2, 4, ann)).toBe(first);
    expect(s.propose("delete", textOf(a), 4, 5, ben)).not.toBe(first);
    expect(s.located().map((x) => x.text).sort()).toEqual(["cd", "e"]);
    s.propose("insert", textOf(a), 0, 2, ann);
    expect(s.ownInsertionHolding(textOf(a), 1, 2, ann.sub)).not.toBeNull();
    expect(s.ownInsertionHolding(textOf(a), 1, 2, ben.sub)).toBeNull();
    expect(s.ownInsertionHolding(textOf(a), 1, 3, ann.sub)).toBeNull();
  });

  it("splitting a paragraph moves text and proposes nothing; a new paragraph's text is proposed", () => {
    const a = paragraphDoc("Hello world", 1);
    const root = a.getXmlElement("root-v2");
    const seen: number[] = [];
    root.observeDeep((events) => {
      for (const x of localInsertions(events)) seen.push(x.to - x.from);
    });
    a.transact(() => {
      textOf(a).delete(5, 6);
      const p = new Y.XmlElement("paragraph");
      const t = new Y.XmlText();
      t.insert(0, " world");
      p.insert(0, [t]);
      root.insert(1, [p]);
    });
    expect(seen).toEqual([]);
    a.transact(() => {
      const p = new Y.XmlElement("paragraph");
      const t = new Y.XmlText();
      t.insert(0, "New");
      p.insert(0, [t]);
      root.insert(2, [p]);
    });
    expect(seen).toEqual([3]);
  });

  it("seeded random concurrent edits keep every device's suggestions the same and on their text", async () => {
    const authors = [ann, ben, { sub: "u-cy", name: "Cy" }];
    for (const seed of planSeeds(10, 15_000, env as NodeJS.ProcessEnv).seeds) {
      await withReplay(seed, replayCommand("core", "packages/comments/src/Suggestions.test.ts", seed), async () => {
        const rng = createRandom(seed);
        const base = paragraphDoc("The quick brown fox jumps over the lazy dog.", 1);
        const docs = [base, fork(base, 2), fork(base, 3)];
        for (let step = 0; step < 60; step++) {
          const i = prng.int32(rng, 0, 2);
          const doc = docs[i] as Y.Doc;
          const who = authors[i] as typeof ann;
          const s = new Suggestions(doc);
          const len = plain(doc).length;
          const at = prng.int32(rng, 0, len);
          const action = prng.int32(rng, 0, 5);
          if (action === 0) suggestTyping(doc, who, at, prng.word(rng, 1, 4));
          else if (action === 1 && len > 0) s.propose("delete", textOf(doc), Math.min(at, len - 1), Math.min(len, at + prng.int32(rng, 1, 5)), who);
          else if (action === 2 && len > 3) textOf(doc).delete(Math.min(at, len - 2), 2);
          else if (action === 3) {
            const pick = s.located()[0];
            if (!pick) continue;
            const before = plain(doc).length;
            const accept = prng.bool(rng);
            if (accept) s.accept(pick.id);
            else s.reject(pick.id);
            const removed = (pick.kind === "insert") !== accept ? pick.to - pick.from : 0;
            expect(plain(doc).length).toBe(before - removed);
            expect(s.located().some((x) => x.id === pick.id)).toBe(false);
          } else if (action === 4) sync(doc, docs[prng.int32(rng, 0, 2)] as Y.Doc);
          else textOf(doc).insert(at, "x");
        }
        sync(docs[0] as Y.Doc, docs[1] as Y.Doc);
        sync(docs[1] as Y.Doc, docs[2] as Y.Doc);
        sync(docs[0] as Y.Doc, docs[1] as Y.Doc);
        const view = (doc: Y.Doc) => new Suggestions(doc).located().map((x) => [x.id, x.kind, x.author.sub, x.from, x.to, x.text]);
        const first = docs[0] as Y.Doc;
        for (const doc of docs) {
          expect(plain(doc)).toBe(plain(first));
          expect(view(doc)).toEqual(view(first));
          for (const x of new Suggestions(doc).located()) {
            expect(x.from).toBeGreaterThanOrEqual(0);
            expect(x.to).toBeLessThanOrEqual(plain(doc).length);
            expect(x.text).toBe(plain(doc).slice(x.from, x.to));
          }
        }
        // Settling everything leaves no marks and text every device agrees on.
        new Suggestions(first).settleAll(prng.bool(rng));
        for (const doc of docs) sync(first, doc);
        for (const doc of docs) expect([plain(doc), new Suggestions(doc).located()]).toEqual([plain(first), []]);
      });
    }
  });
});
