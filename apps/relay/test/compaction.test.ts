import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedDoc, storedRows, connectStockClient, useRelays, waitFor, waitSynced } from "@quire/testkit";

const relays = useRelays();

describe("background compaction", () => {
  for (const path of ["inline", "worker"] as const) {
    it(`merges stored rows while clients keep editing, keeping deleted content (${path})`, async () => {
      const relay = await relays.start({
        env: { COMPACT_AFTER_UPDATES: "20", ...(path === "worker" ? { WORKER_DECODE_THRESHOLD_BYTES: "0" } : {}) },
      });
      const doc = `w0000000017/d000000000${path === "inline" ? 1 : 2}`;
      const token = relay.token({ doc, role: "editor" });
      const a = connectStockClient(relay.syncUrl, doc, token);
      const b = connectStockClient(relay.syncUrl, doc, token);
      await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
      const text = a.doc.getText("body");
      text.insert(0, "deleted later. ");
      const before = Y.snapshot(a.doc);
      for (let i = 0; i < 150; i++) text.insert(text.length, `${i} `);
      text.delete(0, "deleted later. ".length);
      const expected = text.toString();
      await waitFor(() => b.doc.getText("body").toString() === expected, 30_000, "B in sync");
      // 152 updates were written; compaction keeps the row count far below that.
      await waitFor(() => storedRows(relay.dataDir, doc).length < 40, 30_000, "compaction");
      const stored = storedDoc(relay.dataDir, doc);
      expect(stored.getText("body").toString()).toBe(expected);
      expect(Y.createDocFromSnapshot(stored, before).getText("body").toString()).toBe("deleted later. ");

      a.destroy();
      b.destroy();
      // After the last client leaves, the doc unloads and is merged into one row.
      const fresh = connectStockClient(relay.syncUrl, doc, token);
      await waitSynced(fresh.provider);
      expect(fresh.doc.getText("body").toString()).toBe(expected);
      fresh.destroy();
    });
  }
});
