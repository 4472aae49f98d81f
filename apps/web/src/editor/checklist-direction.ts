/**
 * @module checklist-direction
 * Ticking a right-to-left checklist item by its box (issue 16, right to left).
 *
 * Lexical's CheckListPlugin (0.52) decides whether a press hit an item's check box from the
 * item's `dir` *attribute*: `li.dir === "rtl"` → the box is at the right edge, anything else →
 * the left edge. Our items never carry `dir` — only top-level blocks get `dir="auto"` and an
 * item inherits the list's direction — so in an Arabic list the box is drawn on the right
 * (`inset-inline-start`) but Lexical looked for it on the left, and clicking the box did
 * nothing (e2e/right-to-left.test.ts, "an Arabic checklist").
 *
 * `exposeComputedDirection(li)` makes that item's `dir` property read its *computed* direction,
 * just before Lexical's own handlers run (capture phase), so Lexical's existing right-to-left
 * branch is used. Why not set the attribute: an element with a `dir` attribute is skipped
 * when its list's `dir="auto"` looks for the first strong letter, so the list (and every other
 * item) could flip direction; a property on the one element changes no layout.
 *
 * Invariant: the `dir` attribute itself is untouched; writing `li.dir` still writes it.
 */

const EXPOSED = Symbol("quire.computedDir");

/** Makes `li.dir` return the item's computed direction ("ltr" / "rtl"). Idempotent. */
export function exposeComputedDirection(li: HTMLElement): void {
  const marked = li as HTMLElement & { [EXPOSED]?: true };
  if (marked[EXPOSED]) return;
  marked[EXPOSED] = true;
  Object.defineProperty(li, "dir", {
    configurable: true,
    get: () => li.getAttribute("dir") || (li.ownerDocument.defaultView?.getComputedStyle(li).direction ?? ""),
    set: (value: string) => li.setAttribute("dir", value),
  });
}

/** The pointer events Lexical's checklist listens to on the editor's root. */
export const CHECKLIST_EVENTS = ["pointerdown", "mousedown", "touchstart", "pointerup", "click"] as const;

/** The capture-phase listener: exposes the direction of a checklist item being pressed. */
export function onChecklistPress(event: Event): void {
  const target = event.target;
  if (target instanceof HTMLElement && target.tagName === "LI" && target.getAttribute("role") === "checkbox") {
    exposeComputedDirection(target);
  }
}
