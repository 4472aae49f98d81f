/**
 * @module flush-on-hide
 * The page may be gone a few ms after `pagehide`: every open device store is asked to write
 * what it holds and commit now. Mobile browsers may discard a hidden tab without any
 * pagehide, so going hidden flushes too.
 */

export interface Flushable {
  flush(): void;
}

const open = new Set<Flushable>();
let installed = false;

function install(): void {
  if (installed || typeof globalThis.addEventListener !== "function") return;
  installed = true;
  const flushAll = () => {
    for (const store of open) store.flush();
  };
  globalThis.addEventListener("pagehide", flushAll);
  const doc = (globalThis as { document?: Document }).document;
  doc?.addEventListener("visibilitychange", () => {
    if (doc.visibilityState === "hidden") flushAll();
  });
}

export function flushOnHide(store: Flushable): void {
  install();
  open.add(store);
}

export function stopFlushOnHide(store: Flushable): void {
  open.delete(store);
}
