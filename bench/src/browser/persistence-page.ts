/**
 * @module persistence-page
 * Runs inside Chromium (bundled by esbuild): both persistence layers over the browser's real
 * IndexedDB, driven from the benchmark through `window.quireBench`.
 */
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { DeviceStore } from "@quire/client";

type Impl = "quire" | "y-indexeddb";

interface Open {
  doc: Y.Doc;
  loaded: Promise<unknown>;
  close(): Promise<void>;
}

function open(impl: Impl, name: string): Open {
  const doc = new Y.Doc({ gc: false });
  if (impl === "quire") {
    const store = new DeviceStore(name, doc);
    return { doc, loaded: store.whenLoaded, close: () => store.destroy() };
  }
  const persistence = new IndexeddbPersistence(name, doc);
  return { doc, loaded: persistence.whenSynced, close: () => persistence.destroy() };
}

let typing: Open | null = null;

/** localStorage key the victim tab sets on pagehide, so the benchmark can tell that it ran. */
const PAGEHIDE_SEEN = "quire-bench:pagehide-seen";
addEventListener("pagehide", () => localStorage.setItem(PAGEHIDE_SEEN, "1"));

const api = {
  /** Writes `n` one-character updates, closes, loads again: ms to write and to load. */
  async writeAndLoad(impl: Impl, name: string, n: number): Promise<{ writeMs: number; loadMs: number; ok: boolean }> {
    const writer = open(impl, name);
    await writer.loaded;
    const text = writer.doc.getText("text");
    const t0 = performance.now();
    // Each keystroke its own task (a message, not a clamped timer), as when a student types:
    // Quire's DeviceStore merges the updates of one task into one write.
    for (let i = 0; i < n; i++) {
      text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      await nextTask();
    }
    await writer.close(); // both wait for their database to close after pending writes
    const writeMs = performance.now() - t0;
    const expected = text.toString();
    const t1 = performance.now();
    const reader = open(impl, name);
    await reader.loaded;
    const loadMs = performance.now() - t1;
    const ok = reader.doc.getText("text").toString() === expected;
    await reader.close();
    return { writeMs, loadMs, ok };
  },
  /** Opens a doc for typing (left open: the tab will be closed under it). */
  async openForTyping(impl: Impl, name: string): Promise<void> {
    localStorage.removeItem(PAGEHIDE_SEEN);
    typing = open(impl, name);
    await typing.loaded;
  },
  /**
   * Types `n` characters, one every `intervalMs`, or with `"task"` each in its own task with no
   * pause (a script or autorepeat faster than writes commit); resolves right after the last one.
   */
  async type(n: number, intervalMs: number | "task"): Promise<void> {
    const text = typing?.doc.getText("text");
    if (!text) throw new Error("openForTyping first");
    for (let i = 0; i < n; i++) {
      text.insert(text.length, "x");
      if (intervalMs === "task") await nextTask();
      else if (intervalMs > 0) await new Promise((r) => setTimeout(r, intervalMs));
    }
  },
  /** Whether the last typing tab saw pagehide before it closed. */
  pagehideSeen(): boolean {
    return localStorage.getItem(PAGEHIDE_SEEN) === "1";
  },
  /** Characters a fresh load of the doc finds. */
  async count(impl: Impl, name: string): Promise<number> {
    const reader = open(impl, name);
    await reader.loaded;
    const length = reader.doc.getText("text").length;
    await reader.close();
    return length;
  },
};

(globalThis as unknown as { quireBench: typeof api }).quireBench = api;
export type PersistencePageApi = typeof api;

/** Resolves in a new task (MessageChannel: not subject to the 4 ms timer clamp). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
