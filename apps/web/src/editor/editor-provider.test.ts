/**
 * The editor provider over a real DocReplica (fake-indexeddb, a real relay process): a
 * classmate's update is integrated into one Y.Doc only — until issue 17 the provider bound the
 * editor to a mirror doc and every update was decoded a second time into it (F21) — and the
 * editor's own edits are the replica's local edits (counted, sent, acked by the relay).
 */
import "fake-indexeddb/auto";
import { connectStockClient, useRelay as relayForThisFile, waitSynced } from "@quire/testkit";
import { DocReplica } from "@quire/client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { EDITOR_ROOT, createEditorProvider } from "./editor-provider.ts";

// Renamed: vitest setup, not a React hook (Biome's rules-of-hooks reads any `use…` call).
const relay = relayForThisFile();

let n = 0;
const newDocName = () => `wtesteditorprov/d${String(n++).padStart(10, "0")}`;

/** Counts, per Y.Doc, the transactions that integrated something: one per decode of an update. */
function countIntegrations(): { perDoc: Map<Y.Doc, number>; stop(): void } {
  const perDoc = new Map<Y.Doc, number>();
  const proto = Y.Doc.prototype as unknown as { emit(name: string, args: unknown[]): void };
  const original = proto.emit;
  proto.emit = function (this: Y.Doc, name: string, args: unknown[]) {
    const tr = args[0] as Y.Transaction | undefined;
    if (name === "afterTransaction" && tr && tr.changed.size > 0) perDoc.set(this, (perDoc.get(this) ?? 0) + 1);
    return original.call(this, name, args);
  };
  const stop = () => {
    proto.emit = original;
  };
  return { perDoc, stop };
}

async function eventually(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("editor provider", { timeout: 60_000 }, () => {
  it("integrates a classmate's update into one doc, and the editor's edits are the replica's own", async () => {
    const docName = newDocName();
    const handle = new DocReplica({
      docName,
      relayUrl: relay.syncUrl,
      token: relay.token({ workspace: "wtesteditorprov", name: "Ana" }),
      start: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const provider = createEditorProvider(handle);
    const classmate = connectStockClient(relay.syncUrl, docName, relay.token({ doc: docName }));
    try {
      provider.connect();
      await handle.whenLoaded;
      await eventually(() => handle.saveState().relay === "saved", "the relay sync");
      await waitSynced(classmate.provider, 20_000);
      const counts = countIntegrations();
      try {
        const theirs = classmate.doc.get(EDITOR_ROOT, Y.XmlElement);
        for (let i = 0; i < 5; i++) theirs.insert(theirs.length, [new Y.XmlText(`line ${i}`)]);
        const root = provider.doc.get(EDITOR_ROOT, Y.XmlElement);
        await eventually(() => root.length === 5, "the classmate's five lines in the editor's doc");
      } finally {
        counts.stop();
      }
      // Only this page's docs count: the stock client's own doc integrated its five inserts.
      counts.perDoc.delete(classmate.doc);
      // Five updates from the relay: five integrations, all into the one doc the editor binds to.
      expect(counts.perDoc.size, "docs that decoded the classmate's updates").toBe(1);
      expect(counts.perDoc.has(handle.doc)).toBe(true);
      expect(counts.perDoc.get(handle.doc)).toBe(5);
      expect(provider.doc).toBe(handle.doc);

      // An edit in the editor's doc (as the binding makes it, its own origin) is a local edit:
      // pending until the relay acks it, then saved, and the classmate receives it.
      const binding = {};
      provider.doc.transact(() => {
        provider.doc.get(EDITOR_ROOT, Y.XmlElement).insert(0, [new Y.XmlText("mine")]);
      }, binding);
      expect(handle.saveState().pendingChanges).toBeGreaterThan(0);
      await eventually(() => handle.saveState().relay === "saved", "the relay's ack of the editor's edit");
      await eventually(() => classmate.doc.get(EDITOR_ROOT, Y.XmlElement).length === 6, "the edit at the classmate");
    } finally {
      provider.destroy();
      classmate.destroy();
      handle.release();
    }
  });
});
