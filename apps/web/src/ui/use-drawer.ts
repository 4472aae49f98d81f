/**
 * @module use-drawer
 * Open/closed state of the document drawer, the sidebar's form on narrow screens (see
 * styles/narrow-screens.css; on wide screens the state exists but changes nothing).
 * Invariants: Escape closes it and gives focus back to the button that opened it, so a
 * keyboard user is never left focused inside a hidden panel; opening it moves focus into it,
 * so a screen reader lands on the list it asked for.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

export interface Drawer {
  open: boolean;
  toggle(): void;
  close(): void;
  /** The button that opens and closes the drawer. */
  toggleRef: RefObject<HTMLButtonElement | null>;
  /** The drawer panel. */
  panelRef: RefObject<HTMLDivElement | null>;
}

export function useDrawer(): Drawer {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement | null>(null);
  const panelRef = useRef<HTMLDivElement | null>(null);
  const close = useCallback(() => setOpen(false), []);
  const toggle = useCallback(() => setOpen((o) => !o), []);

  useEffect(() => {
    if (!open) return;
    // Only when the drawer is really a drawer (the toggle is shown): on a wide screen the
    // sidebar is always there and focus stays where the user put it.
    const toggleShown = toggleRef.current !== null && toggleRef.current.offsetParent !== null;
    if (toggleShown) panelRef.current?.querySelector<HTMLElement>("button, [href], input")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      if (toggleShown) toggleRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return { open, toggle, close, toggleRef, panelRef };
}
