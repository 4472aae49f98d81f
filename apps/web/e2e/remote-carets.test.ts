/**
 * Many classmates' cursors in one document (issue 17 item 5). @lexical/yjs 0.52 recomputed
 * and re-laid-out every remote caret on every document and every awareness update, so with N
 * classmates typing, a burst of N updates cost N × N caret layouts before the next frame. The
 * maintained patch (patches/@lexical__yjs@0.52.0.patch) redraws the carets at most once per
 * animation frame. In real Chromium against the real relay, 8 stock Yjs clients type in bursts
 * (each burst: every client types a key and moves its caret, in one tick) and the page counts
 * caret geometry reads (Range#getBoundingClientRect, one per caret per redraw) between
 * animation frames: at most one per caret per frame. Unpatched, the bursts read 8 × (number of
 * updates in the frame). Then every caret must sit at its classmate's character, labelled.
 * No timing is asserted: counts and positions only.
 */
import { connectStockClient, type StockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const CLASSMATES = 8;
const BURSTS = 20;
const LINE = "The quick brown fox jumps over the lazy dog";

interface Counter {
  current: number;
  max: number;
  total: number;
}

describe("remote carets with a class in one document", () => {
  const classroom = useClassroom();

  it("lays out each classmate's caret at most once per frame, and at the right character", async () => {
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
        classmates.push({ name, client, paragraph: i, offset: 4 + 3 * i });
      }
      for (const c of classmates) await waitSynced(c.client.provider, WAIT_MS);
      const textOf = (c: (typeof classmates)[number]): Y.XmlText => {
        const paragraph = c.client.doc.get("root-v2", Y.XmlElement).get(c.paragraph);
        const text = paragraph instanceof Y.XmlElement ? paragraph.toArray().find((x): x is Y.XmlText => x instanceof Y.XmlText) : undefined;
        if (!text) throw new Error(`${c.name}: paragraph ${c.paragraph} has no text yet`);
        return text;
      };
      await waitUntil(async () => classmates.every((c) => c.client.doc.get("root-v2", Y.XmlElement).length >= CLASSMATES), WAIT_MS, () => "classmates hold every paragraph");
      const publishCaret = (c: (typeof classmates)[number]) => {
        const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(textOf(c), c.offset));
        c.client.provider.awareness.setLocalState({
          name: c.name,
          color: "#1864ab",
          focusing: true,
          anchorPos: at,
          focusPos: at,
          awarenessData: { user: { name: c.name, color: "#1864ab", colorLight: "#d0ebff" } },
        });
      };
      for (const c of classmates) publishCaret(c);
      const labels = ana.page.locator(".editor-page span > span", { hasText: /^Classmate \d+$/ });
      await waitUntil(async () => (await labels.count()) === CLASSMATES, WAIT_MS, () => "every classmate's caret drawn");

      await ana.page.evaluate(() => {
        const original = Range.prototype.getBoundingClientRect;
        const counter: Counter = { current: 0, max: 0, total: 0 };
        (globalThis as unknown as { __caretReads: Counter }).__caretReads = counter;
        Range.prototype.getBoundingClientRect = function (this: Range) {
          counter.current++;
          counter.total++;
          return original.call(this);
        };
        const frame = () => {
          counter.max = Math.max(counter.max, counter.current);
          counter.current = 0;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      for (let burst = 0; burst < BURSTS; burst++) {
        // One tick: every classmate types a key and moves its caret past it.
        for (const c of classmates) {
          textOf(c).insert(c.offset, "#");
          c.offset++;
          publishCaret(c);
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      const expected = classmates.map((c) => textOf(c).toString());
      await waitUntil(
        async () => {
          const shown = await ana.editor.evaluate((root) => Array.from(root.children).map((p) => p.textContent ?? ""));
          return expected.every((text, i) => shown[i] === text);
        },
        WAIT_MS,
        () => "the page shows every classmate's keys",
      );
      // Two frames: the last redraw has happened.
      await ana.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const reads = await ana.page.evaluate(() => (globalThis as unknown as { __caretReads: Counter }).__caretReads);
      expect(reads.total, "the carets were redrawn during the bursts").toBeGreaterThanOrEqual(CLASSMATES);
      expect(reads.max, `caret layouts in one frame (unpatched: ${CLASSMATES} per update)`).toBeLessThanOrEqual(CLASSMATES);

      // Each caret sits at its classmate's character: after the last '#' it typed.
      const placed = await ana.page.evaluate(
        ({ carets }) => {
          const editor = document.querySelector('[data-testid="editor"]');
          if (!editor) throw new Error("no editor");
          return carets.map(({ name, paragraph, offset }) => {
            const label = Array.from(document.querySelectorAll(".editor-page span > span")).find((s) => s.textContent === name);
            const caret = label?.parentElement?.getBoundingClientRect();
            const walker = document.createTreeWalker(editor.children[paragraph] as Node, NodeFilter.SHOW_TEXT);
            let left = offset;
            let range: Range | null = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const length = node.textContent?.length ?? 0;
              if (left <= length) {
                range = document.createRange();
                range.setStart(node, left);
                range.collapse(true);
                break;
              }
              left -= length;
            }
            const at = range?.getBoundingClientRect();
            return { name, dx: caret && at ? Math.abs(caret.left - at.left) : null, dy: caret && at ? Math.abs(caret.top - at.top) : null };
          });
        },
        { carets: classmates.map((c) => ({ name: c.name, paragraph: c.paragraph, offset: c.offset })) },
      );
      for (const p of placed) {
        expect(p.dx, `${p.name}'s caret is shown`).not.toBeNull();
        expect(p.dx as number, `${p.name}'s caret x`).toBeLessThanOrEqual(3);
        expect(p.dy as number, `${p.name}'s caret y`).toBeLessThanOrEqual(6);
      }
    } finally {
      for (const c of classmates) c.client.destroy();
    }
  });
});
