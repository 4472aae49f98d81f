/**
 * Entry point: registers the service worker (so the app shell opens with no network after
 * one visit) and mounts the app.
 */
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { App } from "./ui/App.tsx";
import { createAppServices } from "./ui/app-services.ts";
import "./ui/styles/app.css";
import "./editor/editor.css";

// autoUpdate: a new build replaces the old shell on the next load; no prompt needed because
// documents live in IndexedDB, not in the shell.
registerSW({ immediate: true });

const root = document.getElementById("root");
if (root) createRoot(root).render(<App services={createAppServices()} />);
