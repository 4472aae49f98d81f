/**
 * Entry point: registers the service worker (so the app shell opens with no network after
 * one visit) and mounts the app.
 */
import { createRoot } from "react-dom/client";
import { loadEditor } from "./editor/load-editor.ts";
import { setupLanguage } from "./i18n/i18n.ts";
import { Announcer } from "./ui/Announcer.tsx";
import { App } from "./ui/App.tsx";
import { createAppServices } from "./ui/app-services.ts";
import "./ui/styles/app.css";
import "./editor/editor.css";
import "./ui/styles/title-wrap.css";
import "./ui/styles/transfer.css";
import "./ui/styles/narrow-screens.css";
import "./ui/styles/right-to-left.css";
import "./ui/styles/search.css";
import "./ui/styles/print.css";
import "./ui/styles/a11y.css";

// Registered by hand rather than through virtual:pwa-register, which would add workbox-window
// to the bundle for nothing: the generated worker already skips waiting and claims clients
// (autoUpdate), so a new build replaces the old shell on the next load. No prompt is needed
// because documents live in IndexedDB, not in the shell.
// The worker is registered once the editor chunk is in the HTTP cache too: its precache then
// takes every asset from there instead of downloading the editor a second time alongside the
// page's own request (first load on a slow link, issue 10 item 6).
const editorLoaded = loadEditor().then(
  () => undefined,
  () => undefined,
);
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    void editorLoaded.then(() =>
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
        console.warn("[quire] service worker not registered; the app will not open offline", error);
      }),
    );
  });
}

// The chosen language's catalog is in before the first render (English is bundled; another is
// one small cached chunk), so no screen shows English or raw keys first.
const root = document.getElementById("root");
void setupLanguage().then(() => {
  if (root)
    createRoot(root).render(
      <>
        <Announcer />
        <App services={createAppServices()} />
      </>,
    );
});
