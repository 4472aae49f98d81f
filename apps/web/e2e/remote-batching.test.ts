/**
 * Classmates' keystrokes reach the editor in batches, one Lexical update a frame (issue 17
 * item 5). @lexical/yjs 0.52 turned every remote Yjs transaction into its own `discrete`
 * Lexical update (one reconcile, one caret redraw each): with a class typing, a frame held as
 * many editor updates as messages had arrived. The maintained patch
 * (patches/@lexical__yjs@0.52.0.patch) collects what arrives within a frame and applies it in
 * one update; a local keystroke, click or edit first applies what is pending, so it never acts
 * on text older than the document.
 * In real Chromium against the real relay, 8 stock Yjs clients type in bursts (every client a
 * key in one tick) while the page counts the editor's remote (`collaboration`-tagged) updates
 * per animation frame: at most 3 a frame (one, plus one per 100 ms without a frame) and at most half as many as the transactions (unpatched: one
 * per transaction, up to 8 a frame). Then Ana types while a classmate keeps typing before her
 * caret in her own paragraph: her letters stay in order and together, her caret stays after
 * them, and every copy of the text ends identical. No timing is asserted: counts and text.
 */
import { connectStockClient, type StockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const CLASSMATES = 8;
const BURSTS = 20;
const LINE = "The quick brown fox jumps over the lazy dog";

interface UpdateCounts {
  remote: number;
  maxRemotePerFrame: number;
}

/** Runs in the page: counts the editor's remote updates, and the most in one frame. */
function installUpdateCounter(): void {
  const root = document.querySelector('[data-testid="editor"]') as
    | (Element & { __lexicalEditor?: { registerUpdateListener(l: (p: { tags: Set<string> }) => void): () => void } })
    | null;
  const editor = root?.__lexicalEditor;
  if (!editor) throw new Error("no Lexical editor on the page");
  const counts: UpdateCounts = { remote: 0, maxRemotePerFrame: 0 };
  (globalThis as unknown as { __updateCounts: UpdateCounts }).__updateCounts = counts;
  let thisFrame = 0;
  editor.registerUpdateListener(({ tags }) => {
    if (!tags.has("collaboration")) return;
    counts.remote++;
    thisFrame++;
    counts.maxRemotePerFrame = Math.max(counts.maxRemotePerFrame, thisFrame);
  });
  const frame = () => {
    thisFrame = 0;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

describe("classmates' keystrokes batched into one editor update a frame", () => {
  const classroom = useClassroom();

  it("applies a burst in one update a frame and keeps local typing in order during a burst", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Class");
    const path = await ana.newDocument("Everyone writes");
    await ana.caretAtEnd();
    await ana.type(Array.from({ length: CLASSMATES }, (_, i) => `${i} ${LINE}`).join("\n"));
    await ana.waitForRelaySaved();
    const [, workspace, doc] = path.split("/").filter(Boolean) as [string, string, string];
    const docName = `${workspace}/${doc}`;

    const classmates: { name: string; client: StockClient; paragraph: number; offset: number }[] = [];
    try {
      for (let i = 0; i < CLASSMATES; i++) {
        const name = `Classmate ${i + 1}`;
        const client = connectStockClient(classroom.relay.syncUrl, docName, classroom.relay.token({ doc: docName, role: "editor", name }));
        classmates.push({ name, client, paragraph: i, offset: 2 });
      }
      for (const c of classmates) await waitSynced(c.client.provider, WAIT_MS);
      await waitUntil(async () => classmates.every((c) => c.client.doc.get("root-v2", Y.XmlElement).length >= CLASSMATES), WAIT_MS, () => "classmates hold every paragraph");
      const textAt = (client: StockClient, paragraph: number): Y.XmlText => {
        const p = client.doc.get("root-v2", Y.XmlElement).get(paragraph);
        const text = p instanceof Y.XmlElement ? p.toArray().find((x): x is Y.XmlText => x instanceof Y.XmlText) : undefined;
        if (!text) throw new Error(`paragraph ${paragraph} has no text yet`);
        return text;
      };
      const shownParagraphs = () => ana.editor.evaluate((root) => Array.from(root.children).map((p) => p.textContent ?? ""));

      // Bursts: every classmate types a key in its own paragraph, all in one tick (8
      // transactions, 8 relayed messages).
      await ana.page.evaluate(installUpdateCounter);
      for (let burst = 0; burst < BURSTS; burst++) {
        for (const c of classmates) {
          textAt(c.client, c.paragraph).insert(c.offset, "#");
          c.offset++;
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      const expected = classmates.map((c) => textAt(c.client, c.paragraph).toString());
      await waitUntil(
        async () => {
          const shown = await shownParagraphs();
          return expected.every((text, i) => shown[i] === text);
        },
        WAIT_MS,
        () => "the page shows every classmate's keys",
      );
      const counts = await ana.page.evaluate(() => (globalThis as unknown as { __updateCounts: UpdateCounts }).__updateCounts);
      const transactions = CLASSMATES * BURSTS;
      expect(counts.remote, "remote editor updates happened").toBeGreaterThan(0);
      // Unpatched: one update per transaction, so up to CLASSMATES in the frame a burst lands in
      // (14 seen). Patched: one a frame, plus one per 100 ms a loaded page goes without a frame.
      expect(counts.maxRemotePerFrame, `remote editor updates in one frame (${CLASSMATES} per burst)`).toBeLessThanOrEqual(3);
      // A burst's messages can straddle two or three frames on a loaded machine (42 of 160 seen);
      // unpatched it is exactly one per transaction.
      expect(counts.remote, `remote editor updates for ${transactions} transactions`).toBeLessThanOrEqual(transactions / 2);

      // Ana types in her paragraph while a classmate keeps typing before her caret there:
      // every local key must first take in what arrived, or it acts on older text (its letter
      // lands at a stale offset, or the local diff deletes the classmate's letters).
      const writer = classmates[0] as (typeof classmates)[number];
      await ana.editor.locator("p").first().click();
      await ana.page.keyboard.press("End");
      let typing = true;
      let remoteKeys = 0;
      const burst = (async () => {
        while (typing) {
          textAt(writer.client, 0).insert(1, "~");
          remoteKeys++;
          await new Promise((resolve) => setTimeout(resolve, 7));
        }
      })();
      const mine = "AnaTypesHereInOrder";
      try {
        await ana.page.keyboard.type(mine, { delay: 15 });
      } finally {
        typing = false;
        await burst;
      }
      expect(remoteKeys, "the classmate typed during Ana's typing").toBeGreaterThan(mine.length);
      const final = () => classmates.map((c) => c.client.doc.get("root-v2", Y.XmlElement).toArray().map((p) => (p instanceof Y.XmlElement ? p.toArray().map((x) => (x instanceof Y.XmlText ? x.toString() : "")).join("") : "")));
      await waitUntil(
        async () => {
          const shown = await shownParagraphs();
          const copies = final();
          return copies.every((copy) => JSON.stringify(copy) === JSON.stringify(shown)) && (shown[0] ?? "").includes(mine);
        },
        WAIT_MS,
        () => "every copy of the text identical, with Ana's letters",
      );
      const first = (await shownParagraphs())[0] ?? "";
      expect(first.endsWith(mine), `Ana's letters together, in order, at the end: ${JSON.stringify(first)}`).toBe(true);
      expect(first.split("~").length - 1, "every key of the classmate's kept").toBe(remoteKeys);
      // Her caret stayed after her letters: the next key lands there too.
      await ana.page.keyboard.type("!");
      await waitUntil(async () => ((await shownParagraphs())[0] ?? "").endsWith(`${mine}!`), WAIT_MS, () => "Ana's next key after her letters");
    } finally {
      for (const c of classmates) c.client.destroy();
    }
  });
});
