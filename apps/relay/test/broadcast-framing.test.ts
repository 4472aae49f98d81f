/**
 * A broadcast is framed once, whatever the number of readers (issue 17 item 2, bench/FINDINGS.md
 * F19): a real relay in this process, a writer and six stock y-websocket readers over real
 * sockets. `ws` frames each `send` itself (Sender.frame); the relay now builds the frame once
 * per broadcast (SharedMessage) and writes the same bytes to every reader. Counted: frames the
 * relay built per broadcast, and frames `ws` built for server-to-client sends (unmasked).
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectStockClient, waitFor, waitSynced } from "@quire/testkit";
import { sharedFraming } from "../src/sync/SharedMessage.ts";
import { type InProcessRelay, removeDataDir, startInProcessRelay, tokenFor } from "./in-process-relay.ts";

// The relay's own copy of ws (the one its server sockets use).
const { Sender } = createRequire(new URL("../src/sync/raw-frame-write.ts", import.meta.url))("ws") as {
  Sender: { frame: (data: unknown, options: { mask?: boolean }) => unknown };
};

let relay: InProcessRelay;
let unmaskedWsFrames = 0;
const originalFrame = Sender.frame;
beforeAll(async () => {
  Sender.frame = (data, options) => {
    if (!options.mask) unmaskedWsFrames += 1;
    return originalFrame.call(Sender, data, options);
  };
  relay = await startInProcessRelay();
});
afterAll(async () => {
  Sender.frame = originalFrame;
  await relay?.close();
  if (relay) removeDataDir(relay.dataDir);
});

describe("broadcast framing", () => {
  it("builds one websocket frame per broadcast and sends readers the exact update", async () => {
    const doc = "class7/framing";
    const writer = connectStockClient(relay.syncUrl, doc, tokenFor(relay.dataDir, { doc, sub: "ana" }));
    const readers = Array.from({ length: 6 }, (_, i) => connectStockClient(relay.syncUrl, doc, tokenFor(relay.dataDir, { doc, sub: `r${i}` })));
    try {
      await Promise.all([writer, ...readers].map((c) => waitSynced(c.provider)));
      // Let the joins' own messages (sync steps, presence) go out before counting.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const builtBefore = sharedFraming.websocketFrames;
      const wsBefore = unmaskedWsFrames;
      const keys = 12;
      let text = "";
      for (let i = 0; i < keys; i++) {
        // A payload past 125 bytes at the end: the 16-bit length form of the header too.
        const key = i === keys - 1 ? "x".repeat(300) : String.fromCharCode(97 + i);
        writer.doc.getText("body").insert(text.length, key);
        text += key;
        // One keystroke per broadcast: wait until every reader has it.
        await waitFor(() => readers.every((r) => r.doc.getText("body").toString() === text), 10_000, `key ${i} at every reader`);
      }
      const built = sharedFraming.websocketFrames - builtBefore;
      // One frame per broadcast (keystrokes that shared a turn share a broadcast each still).
      expect(built).toBe(keys);
      // ws framed none of the 6 × 12 deliveries (it did all of them before SharedMessage).
      expect(unmaskedWsFrames - wsBefore).toBe(0);
    } finally {
      writer.destroy();
      for (const r of readers) r.destroy();
    }
  });
});
