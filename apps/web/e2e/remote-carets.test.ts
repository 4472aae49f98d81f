/**
 * Many classmates' cursors in one document (issue 17 item 5). @lexical/yjs 0.52 recomputed
 * and re-laid-out every remote caret on every document and every awareness update, and within
 * one redraw read each caret's geometry right after writing the previous caret's style. The
 * maintained patch (patches/@lexical__yjs@0.52.0.patch) redraws the carets at most once per
 * animation frame, reads every caret's geometry before it writes any style, and writes only
 * style values that changed. In real Chromium against the real relay, 8 stock Yjs clients type
 * in bursts (each burst: every client types a key and moves its caret, in one tick) while the
 * page counts geometry reads, style writes and the forced layouts between them
 * (support/layout-counter.ts): at most one forced layout per frame (unpatched: 15 with 8
 * carets), no caret DOM built or torn down while carets only move, every caret at its
 * classmate's character; then the classmates republish unmoved carets and the redraws write
 * no style at all (unpatched: 2,200 writes); then one leaves and one stops sharing, and their
 * carets go. No timing is asserted: counts and positions only.
 */
import { connectStockClient, type StockClient, waitSynced } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Page } from "playwright-core";
import { useClassroom } from "./support/classroom.ts";
import { installLayoutCounter, readLayoutCounts, resetLayoutCounts } from "./support/layout-counter.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const CLASSMATES = 8;
const BURSTS = 20;
const LINE = "The quick brown fox jumps over the lazy dog";

/** Two animation frames in the page: the last scheduled caret redraw has happened. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe("remote carets with a class in one document", () => {
  const classroom = useClassroom();

  it("redraws the carets once per frame with one layout, writes only what moved, and hides those who leave", async () => {
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
      const publishCaret = (c: (typeof classmates)[number], round = 0) => {
        const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(textOf(c), c.offset));
        c.client.provider.awareness.setLocalState({
          name: c.name,
          color: "#1864ab",
          focusing: true,
          anchorPos: at,
          focusPos: at,
          awarenessData: { user: { name: c.name, color: "#1864ab", colorLight: "#d0ebff" }, round },
        });
      };
      for (const c of classmates) publishCaret(c);
      const labels = ana.page.locator(".editor-page span > span", { hasText: /^Classmate \d+$/ });
      await waitUntil(async () => (await labels.count()) === CLASSMATES, WAIT_MS, () => "every classmate's caret drawn");

      await ana.page.evaluate(installLayoutCounter);
      // Caret DOM built or torn down (outside the editable text) while the carets only move.
      await ana.page.evaluate(() => {
        const editor = document.querySelector('[data-testid="editor"]');
        const box = { changes: 0 };
        (globalThis as unknown as { __caretDom: typeof box }).__caretDom = box;
        new MutationObserver((records) => {
          for (const r of records) if (!editor?.contains(r.target)) box.changes += r.addedNodes.length + r.removedNodes.length;
        }).observe(document.querySelector(".editor-page") as Node, { childList: true, subtree: true });
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
      await nextFrames(ana.page);
      const moving = await ana.page.evaluate(readLayoutCounts);
      const caretDom = await ana.page.evaluate(() => (globalThis as unknown as { __caretDom: { changes: number } }).__caretDom.changes);
      expect(moving.reads, "the carets were redrawn during the bursts").toBeGreaterThanOrEqual(CLASSMATES);
      // At most one redraw a frame (≤ 4 geometry reads per caret); unpatched: one per update.
      expect(moving.maxReadsPerFrame, "geometry reads in one frame").toBeLessThanOrEqual(4 * CLASSMATES + 1);
      // All reads of a redraw before all its writes; before: two forced layouts per caret.
      expect(moving.maxForcedPerFrame, `forced layouts in one frame with ${CLASSMATES} carets`).toBeLessThanOrEqual(1);
      expect(caretDom, "caret elements added or removed while the carets only moved").toBe(0);

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

      // Nothing moves: every classmate republishes the same caret (a changed field beside it).
      // The redraws that follow write no style at all.
      await ana.page.evaluate(resetLayoutCounts);
      for (let round = 1; round <= 3; round++) {
        for (const c of classmates) publishCaret(c, round);
        const before = (await ana.page.evaluate(readLayoutCounts)).reads;
        await waitUntil(async () => (await ana.page.evaluate(readLayoutCounts)).reads >= before + CLASSMATES, WAIT_MS, () => "a redraw after the republish");
      }
      await nextFrames(ana.page);
      const still = await ana.page.evaluate(readLayoutCounts);
      expect(still.reads, "redrawn while still").toBeGreaterThanOrEqual(CLASSMATES);
      expect(still.styleWrites, "style writes while no caret moved").toBe(0);

      // A classmate who leaves (closes the tab) and one who stops sharing: their carets go.
      const [gone, hidden] = classmates.slice(-2) as [(typeof classmates)[number], (typeof classmates)[number]];
      gone.client.destroy();
      hidden.client.provider.awareness.setLocalState(null);
      await waitUntil(async () => (await labels.count()) === CLASSMATES - 2, WAIT_MS, () => `only the ${CLASSMATES - 2} classmates still here have carets`);
      const names = await labels.allTextContents();
      expect(names).not.toContain(gone.name);
      expect(names).not.toContain(hidden.name);
    } finally {
      for (const c of classmates) c.client.destroy();
    }
  });
});
