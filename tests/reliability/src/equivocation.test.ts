/**
 * Finding F3 (FINDINGS.md), found by the wire fuzzer (seed 31337): two updates that reuse
 * the same (client, clock) ids with different content ("equivocation") are both accepted and
 * stored. Applied one by one they give one doc; merged by compaction (Y.mergeUpdates) they
 * give another, and honest edits anchored on the equivocated items vanish from the stored
 * doc after a restart. An attacker with an editor token can silently destroy others' work.
 */
import { updateFrame as wireUpdateFrame, useRelay, waitFor, WireClient } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { missingFrom } from "./harness/doc-state.ts";
import { explainStoredLoss } from "./harness/stored-docs.ts";

/** Both are the same 4 structs of client 1724568765; one byte (an origin clock) differs. */
const EQUIVOCATING_UPDATES = [
  "0104bda9abb60600040104726f6f74017384bda9abb60600023020c4bda9abb60000bda9abb606010373312004010174017800",
  "0104bda9abb60600040104726f6f74017384bda9abb60600023020c4bda9abb60600bda9abb606010373312004010174017800",
];

const relay = useRelay();

function updateFrame(hex: string): Uint8Array {
  return wireUpdateFrame(Buffer.from(hex, "hex"));
}

describe("equivocating updates (F3)", () => {
  it("honest edits anchored on equivocated items survive compaction and restart", async () => {
    const docName = "regress-f3/doc";
    const token = relay.token({ doc: docName, role: "editor" });
    const honest = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    const hostile = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    try {
      await honest.connect();
      await hostile.connect();
      await honest.waitSynced();
      await hostile.waitSynced();
      const text = honest.doc.get("root", Y.XmlText);
      text.insert(0, "honest start ");
      for (const hex of EQUIVOCATING_UPDATES) hostile.sendRaw(updateFrame(hex));
      await waitFor(() => text.length > "honest start ".length, 10_000, "hostile text arrives");
      // The honest student types inside and around the hostile text.
      for (let at = 0; at <= text.length; at += 2) text.insert(at, "H");
      text.insert(text.length, " honest end");
      await waitFor(() => honest.ackCount >= 0 && relay.running, 1_000, "relay up");
      await new Promise((r) => setTimeout(r, 300));
      await honest.disconnect();
      await hostile.disconnect();
      await relay.restart(); // SIGTERM: the relay compacts the doc's rows on shutdown
      const reader = new WireClient({ syncUrl: relay.syncUrl, docName, token });
      try {
        await reader.connect();
        await reader.waitSynced();
        const missing = missingFrom(reader.doc, honest.doc);
        if (missing.length > 0) {
          await relay.kill("SIGTERM");
          throw new Error(`honest edits lost after restart: ${missing.join("; ")}\n${explainStoredLoss(relay.dataDir, docName, honest.doc)}`);
        }
        expect(missing).toEqual([]);
      } finally {
        reader.destroy();
      }
    } finally {
      honest.destroy();
      hostile.destroy();
      if (!relay.running) await relay.restart();
    }
  });
});
