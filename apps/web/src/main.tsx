/**
 * Entry point: registers the service worker (so the app shell opens with no network after
 * one visit) and mounts the app.
 */
import { createRoot } from "react-dom/client";
import { App } from "./ui/App.tsx";
import { createAppServices } from "./ui/app-services.ts";
import "./ui/styles/app.css";
import "./editor/editor.css";
import "./ui/styles/narrow-screens.css";

// Registered by hand rather than through virtual:pwa-register, which would add workbox-window
// to the bundle for nothing: the generated worker already skips waiting and claims clients
// (autoUpdate), so a new build replaces the old shell on the next load. No prompt is needed
// because documents live in IndexedDB, not in the shell.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn("[quire] service worker not registered; the app will not open offline", error);
    });
  });
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App services={createAppServices()} />);
