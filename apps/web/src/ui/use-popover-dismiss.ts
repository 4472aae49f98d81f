/**
 * @module use-popover-dismiss
 * Keyboard behaviour of the top bar's popover dialogs (Invite, "Who is writing?"): Escape
 * closes an open one, and when it closes with focus inside it (Escape, its Done button), focus
 * goes back to the button that opened it instead of falling to <body> — where a keyboard or
 * screen-reader user would have to start again from the top of the page (WCAG 2.4.3).
 *
 * Invariants: the listener exists from the moment the popover is on screen (a layout effect)
 * and only while it is open; focus is moved back only
 * if it was lost (on <body>) or inside the popover, never taken from somewhere the user chose.
 */
import { type RefObject, useLayoutEffect, useRef } from "react";

export function usePopoverDismiss(
  open: boolean,
  close: () => void,
): { buttonRef: RefObject<HTMLButtonElement | null>; popoverRef: RefObject<HTMLDivElement | null> } {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(close);
  closeRef.current = close;
  const wasOpen = useRef(false);

  // A layout effect, not useEffect: preact runs plain effects after the next paint, so the
  // dialog showed before its Escape listener existed and an Escape pressed at once was lost
  // (e2e keyboard-only failed in CI that way under load).
  useLayoutEffect(() => {
    if (!open) {
      const active = document.activeElement;
      if (wasOpen.current && (active === null || active === document.body)) buttonRef.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const target = event.target as Node | null;
      const inside = target !== null && (popoverRef.current?.contains(target) || buttonRef.current?.contains(target));
      if (!inside) return;
      event.preventDefault();
      buttonRef.current?.focus();
      closeRef.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return { buttonRef, popoverRef };
}
