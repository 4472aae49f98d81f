/**
 * A long document on a cheap device (issue 17 item 3, bench/FINDINGS.md F16). Two changes
 * cut the work a keystroke does in a long document, checked here by what the page does, not
 * by how long it takes:
 * - a keystroke aligns only the empty lines after the block it changed (it walked every
 *   block and read the computed direction before every empty line of the document, on every
 *   update: EmptyBlockDirectionPlugin);
 * - a keystroke in a document without comments re-registers no highlight (the comments
 *   plugin replaced its empty map of ranges, re-rendered and repainted its highlights on
 *   every update);
 * - the save status writes to the page only what changed (F21: it rewrote its class and four
 *   data attributes on every notification of the document's handle, several per keystroke
 *   and per classmate's update, mostly with nothing changed).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

const SENTENCE = "The students measured the river every morning and wrote down what they saw there.";
/** A short title (typed at: one line), 150 paragraphs, an empty line after every third: 200 blocks. */
function longText(): string {
  const lines: string[] = ["Our river report"];
  for (let i = 1; i <= 150; i++) {
    lines.push(`Paragraph ${i}. ${SENTENCE} ${SENTENCE}${i === 150 ? " The end." : ""}`);
    if (i % 3 === 0 && i < 150) lines.push("");
  }
  return lines.join("\n");
}

/** A plain-text paste, as a student pastes her draft (Lexical makes each line a paragraph). */
async function pasteLongDocument(ana: Student): Promise<number> {
  const text = longText();
  await ana.editor.click();
  await ana.page.evaluate((value) => {
    const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
    if (!editor) throw new Error("no editor");
    const data = new DataTransfer();
    data.setData("text/plain", value);
    editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const blocks = text.split("\n").length;
  await waitUntil(async () => (await ana.editor.evaluate((e) => e.children.length)) === blocks, WAIT_MS, () => `${blocks} blocks`);
  return blocks;
}

/** Waits two animation frames: React's passive effects of the last update have run. */
const afterFrames = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))));

describe("a long document", () => {
  const classroom = useClassroom();

  it("does per keystroke only the work of the block typed into", async () => {
    const ana = await classroom.student("Bea");
    await ana.createWorkspace("Keys");
    await ana.newDocument("Report");
    await pasteLongDocument(ana);
    await ana.caretAfter("Our river report");
    await ana.page.locator('[data-testid="save-state"][data-relay="saved"][data-pending="0"]').waitFor();
    await afterFrames(ana.page);
    await ana.page.evaluate(() => {
      const counts = { computedStyle: 0, highlights: 0, statusWrites: 0 };
      (globalThis as unknown as { __counts: typeof counts }).__counts = counts;
      const computed = window.getComputedStyle;
      window.getComputedStyle = (...args: Parameters<typeof computed>) => {
        counts.computedStyle++;
        return computed(...args);
      };
      // Every write to the save status (attributes, text) is a mutation record.
      const status = document.querySelector('[data-testid="save-state"]');
      if (!status) throw new Error("no save status");
      const observer = new MutationObserver((records) => {
        counts.statusWrites += records.length;
      });
      observer.observe(status, { attributes: true, characterData: true, childList: true, subtree: true });
      const set = HighlightRegistry.prototype.set;
      HighlightRegistry.prototype.set = function (this: HighlightRegistry, ...args: Parameters<typeof set>) {
        counts.highlights++;
        return set.apply(this, args);
      };
    });
    const KEYS = 10;
    for (let k = 0; k < KEYS; k++) {
      await ana.page.keyboard.type("x");
      await afterFrames(ana.page);
    }
    await ana.waitForText([`Our river report${"x".repeat(KEYS)}`]);
    await ana.page.locator('[data-testid="save-state"][data-relay="saved"][data-pending="0"]').waitFor();
    const counts = await ana.page.evaluate(() => (globalThis as unknown as { __counts: { computedStyle: number; highlights: number; statusWrites: number } }).__counts);
    console.log(`long document, ${KEYS} keys: ${JSON.stringify(counts)}`);
    // Before: every update read the direction before each of the 49 empty lines (490 reads)
    // and re-registered the comment highlights (10 times) in this document without comments.
    expect.soft(counts.computedStyle).toBeLessThanOrEqual(KEYS);
    expect.soft(counts.highlights).toBe(0);
    // The status goes to "Sending…" at the first key and back to "Saved" once the typing
    // stopped: its relay state, pending count, tone and text each time, 8 writes (a key that
    // comes after "Saved" showed adds 8 more). Before: 37 writes per key (370), most of them
    // rewriting equal values, and "Sending… / Saved" flipped twice per key.
    expect.soft(counts.statusWrites).toBeLessThanOrEqual(2 * KEYS);
  });
});
