/**
 * Hooks around the room life cycle (issue 11, item 2), through a real relay in this process: a
 * recording hook sees authenticated → loaded → committed (with the stored update and its
 * provenance) → unloaded for a real edit, and a hook that throws breaks nothing.
 */
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomHook } from "../src/sync/room-hooks.ts";
import { type InProcessRelay, removeDataDir, startInProcessRelay, tokenFor } from "./in-process-relay.ts";
import { connectStockClient, waitFor, waitSynced } from "@quire/testkit";

const events: string[] = [];
const committedText: string[] = [];
const recorder: RoomHook = {
  name: "recorder",
  authenticated: (e) => void events.push(`authenticated ${e.doc} ${e.claims.sub}`),
  loaded: (e) => void events.push(`loaded ${e.doc}`),
  committed: (e) => {
    events.push(`committed ${e.doc} ${e.provenance.userId}`);
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, e.update);
    committedText.push(doc.getText("body").toString());
  },
  unloaded: (e) => void events.push(`unloaded ${e.doc} ${e.state}`),
};
/** Fails on every event, synchronously and asynchronously. */
const broken: RoomHook = {
  name: "broken",
  authenticated: () => {
    throw new Error("hook failure (authenticated)");
  },
  loaded: () => Promise.reject(new Error("hook failure (loaded)")),
  committed: () => {
    throw new Error("hook failure (committed)");
  },
  unloaded: () => {
    throw new Error("hook failure (unloaded)");
  },
};

let relay: InProcessRelay;
beforeAll(async () => {
  relay = await startInProcessRelay({ hooks: [broken, recorder], limits: { unloadDelayMs: 200 } });
});
afterAll(async () => {
  await relay?.close();
  if (relay) removeDataDir(relay.dataDir);
});

describe("room life-cycle hooks", () => {
  it("see authenticated, loaded, committed and unloaded in order for a real edit; a throwing hook breaks nothing", async () => {
    const doc = "class7/hooked";
    const writer = connectStockClient(relay.syncUrl, doc, tokenFor(relay.dataDir, { doc, sub: "ana" }));
    await waitSynced(writer.provider);
    writer.doc.getText("body").insert(0, "hello");
    await waitFor(() => events.some((e) => e.startsWith("committed")), 10_000, "the commit hook");
    // The room still works for everyone despite the broken hook: a second client gets the edit.
    const reader = connectStockClient(relay.syncUrl, doc, tokenFor(relay.dataDir, { doc, sub: "ben" }));
    await waitSynced(reader.provider);
    await waitFor(() => reader.doc.getText("body").toString() === "hello", 10_000, "the reader to get the edit");
    writer.destroy();
    reader.destroy();
    await waitFor(() => events.some((e) => e.startsWith("unloaded")), 10_000, "the unload hook");
    expect(events).toEqual([
      `authenticated ${doc} ana`,
      `loaded ${doc}`,
      `committed ${doc} ana`,
      `authenticated ${doc} ben`,
      `unloaded ${doc} unloaded`,
    ]);
    expect(committedText).toEqual(["hello"]);
  });
});
