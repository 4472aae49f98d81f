/**
 * @module use-drawer
 * Open/closed state of the document drawer, the sidebar's form on narrow screens (see
 * styles/narrow-screens.css; on wide screens it never stays open).
 * Invariants: Escape closes it and gives focus back to the button that opened it, so a
 * keyboard user is never left focused inside a hidden panel; opening it moves focus into it,
 * so a screen reader lands on the list it asked for. While open the page behind it is inert
 * (WorkspaceScreen), so the drawer closes by itself when the screen becomes wide (a tablet
 * turned sideways): there, no button or backdrop would be left to close it.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

/** Where the sidebar stops being a drawer; the same width as in styles/narrow-screens.css. */
export const WIDE_SCREEN_QUERY = "(min-width: 768px)";

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
    const wide = window.matchMedia(WIDE_SCREEN_QUERY);
    if (wide.matches) {
      // Opened while wide (nothing to show) or the screen widened in between.
      setOpen(false);
      return;
    }
    const onWide = () => {
      if (wide.matches) setOpen(false);
    };
    wide.addEventListener("change", onWide);
    panelRef.current?.querySelector<HTMLElement>("button, [href], input")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      wide.removeEventListener("change", onWide);
    };
  }, [open]);

  return { open, toggle, close, toggleRef, panelRef };
}
