/**
 * @module use-roving-toolbar
 * The ARIA toolbar pattern (WAI-ARIA APG "Toolbar") for the formatting bar: the whole bar is
 * one Tab stop; Left/Right move between its controls (mirrored in right-to-left text), Home and
 * End go to the first and last, and the control last used keeps the Tab stop, so Tab into the
 * bar returns to it. Without it a keyboard user tabbed through 18 buttons to reach the page.
 *
 * Invariants:
 * - Exactly one enabled control of the bar has tabIndex 0, every other one -1. Re-applied after
 *   every render of the bar (a control may have become disabled, e.g. Undo).
 * - Controls inside a popover of the bar (the link editor) are not part of the bar: Tab moves
 *   through them as usual.
 * - Up/Down are left alone: the text-style <select> uses them to change its value.
 */
import { type RefObject, useEffect, useLayoutEffect, useMemo, useRef } from "react";

/** Where a bar's own controls end: nothing inside these is a bar item. */
const POPOVER = ".link-editor";

function items(bar: HTMLElement): HTMLElement[] {
  return [...bar.querySelectorAll<HTMLElement>("button, select")].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.closest(POPOVER) === null,
  );
}

/** Gives the current item (or the first) the one Tab stop. */
function syncTabStops(bar: HTMLElement, current: HTMLElement | null): HTMLElement | null {
  const all = items(bar);
  const keep = current && all.includes(current) ? current : (all[0] ?? null);
  for (const el of all) el.tabIndex = el === keep ? 0 : -1;
  // Disabled controls leave the Tab order on their own; keep them out of it when re-enabled.
  for (const el of bar.querySelectorAll<HTMLElement>("button:disabled")) el.tabIndex = -1;
  return keep;
}

/**
 * Returns the ref for the element with role="toolbar"; `focusBar()` moves focus into it.
 * Escape on a control of the bar calls `onEscape` (back to the page).
 */
export function useRovingToolbar(onEscape: () => void): { ref: RefObject<HTMLDivElement | null>; focusBar(): void } {
  const ref = useRef<HTMLDivElement>(null);
  const current = useRef<HTMLElement | null>(null);
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;

  // No dependency list on purpose: after every render of the bar.
  useLayoutEffect(() => {
    if (ref.current) current.current = syncTabStops(ref.current, current.current);
  });

  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as HTMLElement;
      if (items(bar).includes(target)) current.current = syncTabStops(bar, target);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const all = items(bar);
      const at = all.indexOf(event.target as HTMLElement);
      if (at < 0) return;
      const rtl = getComputedStyle(bar).direction === "rtl";
      let next: number;
      if (event.key === "ArrowRight") next = rtl ? at - 1 : at + 1;
      else if (event.key === "ArrowLeft") next = rtl ? at + 1 : at - 1;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = all.length - 1;
      else if (event.key === "Escape") {
        event.preventDefault();
        onEscapeRef.current();
        return;
      } else return;
      event.preventDefault();
      // Wraps around, as the APG allows: fewer key presses on a long bar.
      const target = all[(next + all.length) % all.length];
      target?.focus();
      target?.scrollIntoView({ block: "nearest", inline: "nearest" });
    };
    bar.addEventListener("focusin", onFocusIn);
    bar.addEventListener("keydown", onKeyDown);
    return () => {
      bar.removeEventListener("focusin", onFocusIn);
      bar.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  // Stable across renders, so effects may depend on it.
  return useMemo(
    () => ({
      ref,
      focusBar: () => {
        const bar = ref.current;
        if (bar) syncTabStops(bar, current.current)?.focus();
      },
    }),
    [],
  );
}
