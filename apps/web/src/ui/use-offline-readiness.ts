/**
 * @module use-offline-readiness
 * Whether this device can reopen the app with no network (issue 14, item 4): only a page in a
 * secure context (https, or localhost) gets a service worker, and only an active one has the
 * app cached. Opened from a LAN address over plain http (a hub without TLS) there is none,
 * so the UI must not claim "All documents available offline".
 *
 * - `unavailable`: no secure context or no service worker API: it will never be ready here.
 * - `preparing`: a worker may be installing (first visit), not active yet.
 * - `ready`: an active worker: its install step cached the app shell before activating.
 */
import { useEffect, useState } from "react";

export type OfflineReadiness = "ready" | "preparing" | "unavailable";

export function useOfflineReadiness(): OfflineReadiness {
  const supported = window.isSecureContext && "serviceWorker" in navigator;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!supported) return;
    let live = true;
    // Resolves once a worker for this scope is active (never rejects).
    void navigator.serviceWorker.ready.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [supported]);
  return !supported ? "unavailable" : ready ? "ready" : "preparing";
}
