/**
 * @module use-online
 * The browser's own online/offline signal. A dropped network often leaves the websocket
 * looking open until y-websocket's 30 s message timeout closes it; the browser knows at once,
 * so the UI says "Offline" as soon as the browser does instead of claiming to be connected.
 */
import { useSyncExternalStore } from "react";

function subscribe(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}
