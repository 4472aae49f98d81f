/**
 * @module empty-block-direction
 * The direction of an empty line in the editor (issue 16, right to left).
 *
 * Lexical 0.52 gives every top-level block `dir="auto"`, so a paragraph takes its direction
 * from its first strong letter: Arabic right to left, English left to right, each on its own.
 * An empty block has no letter, and the browser then makes it left to right — even in the
 * Arabic interface and right after an Arabic paragraph — so the caret jumped to the left edge
 * on Enter and back to the right at the first Arabic letter. An empty block (Lexical renders
 * it as a lone `<br>`) therefore gets the direction of the nearest written block before it,
 * or the interface's (inherited from `<html dir>`) when there is none, as word processors do;
 * its first letter then decides as usual.
 *
 * Invariants:
 * - Only empty top-level `dir="auto"` blocks get an inline `direction`; it is removed as soon
 *   as the block has content, so typed text always decides its own direction.
 * - Nothing is written to the document: this is presentation, redone after every update.
 * - CSS cannot do it: `[dir=auto]:dir(rtl) + :has(> br:only-child)` matched in Chromium 156
 *   but the new line's style was not recomputed (it stayed right to left after an English
 *   paragraph; seen in e2e/right-to-left.test.ts).
 */

function isEmptyBlock(block: HTMLElement): boolean {
  return block.childNodes.length === 1 && block.firstChild?.nodeName === "BR";
}

/** Sets or clears the inline direction of each empty top-level block under `root`. */
export function alignEmptyBlocks(root: HTMLElement | null): void {
  const first = root?.firstElementChild;
  if (first) alignFrom(first, null);
}

/**
 * After an update that changed only `changed` (top-level blocks of `root`): the same result
 * as {@link alignEmptyBlocks}, but only these blocks and the empty ones right after them are
 * visited. A classmate's keystroke changes one block; walking all of them (and reading the
 * computed direction before every empty one) cost ~3 ms per update at a 4× CPU throttle in a
 * 361-paragraph report (bench/FINDINGS.md F16). Blocks added, removed or moved change who
 * precedes whom: the caller passes every block then ({@link alignEmptyBlocks}).
 */
export function alignEmptyBlocksAfter(changed: Iterable<HTMLElement>): void {
  const done = new Set<Element>();
  for (const block of changed) {
    if (done.has(block)) continue;
    alignFrom(block, done);
  }
}

/** The nearest written `dir="auto"` block before `block`, or null. */
function writtenBefore(block: Element): HTMLElement | null {
  for (let at = block.previousElementSibling; at; at = at.previousElementSibling) {
    if (at instanceof HTMLElement && at.getAttribute("dir") === "auto" && !isEmptyBlock(at)) return at;
  }
  return null;
}

/**
 * Aligns `start` and the empty blocks after it. With `done` (incremental), stops at the next
 * written block: empty blocks after that one take its direction, which did not change.
 */
function alignFrom(start: Element, done: Set<Element> | null): void {
  let lastWritten = done ? writtenBefore(start) : null;
  for (let block: Element | null = start; block; block = block.nextElementSibling) {
    if (!(block instanceof HTMLElement) || block.getAttribute("dir") !== "auto") continue;
    done?.add(block);
    if (!isEmptyBlock(block)) {
      if (block.style.direction !== "") block.style.removeProperty("direction");
      if (done && block !== start) return;
      lastWritten = block;
      continue;
    }
    // The written block has no inline direction, so its computed one is what dir=auto found.
    const direction = lastWritten === null ? "inherit" : getComputedStyle(lastWritten).direction;
    if (block.style.direction !== direction) block.style.setProperty("direction", direction);
  }
}
