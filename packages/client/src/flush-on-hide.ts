/**
 * @module flush-on-hide
 * The page may be gone a few ms after `pagehide`: every open device store is asked to write
 * what it holds and commit now. Mobile browsers may discard a hidden tab without any
 * pagehide, so going hidden flushes too.
 */

export interface Flushable {
  flush(): void;
}

/** The page's events we listen to (`window`, or any EventTarget in tests). */
export interface PageEvents {
  addEventListener(type: "pagehide", listener: () => void): void;
}

/** The document's visibility (`document`, or any EventTarget with the property in tests). */
export interface VisibilityEvents {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: "visibilitychange", listener: () => void): void;
}

/** Calls `flush` on `pagehide` and whenever the document turns hidden. */
export function listenForPageHide(page: PageEvents, visibility: VisibilityEvents | undefined, flush: () => void): void {
  page.addEventListener("pagehide", flush);
  visibility?.addEventListener("visibilitychange", () => {
    if (visibility.visibilityState === "hidden") flush();
  });
}

const open = new Set<Flushable>();
let installed = false;

function install(): void {
  if (installed || typeof globalThis.addEventListener !== "function") return;
  installed = true;
  listenForPageHide(globalThis as PageEvents, (globalThis as { document?: Document }).document, () => {
    for (const store of open) store.flush();
  });
}

export function flushOnHide(store: Flushable): void {
  install();
  open.add(store);
}

export function stopFlushOnHide(store: Flushable): void {
  open.delete(store);
}
