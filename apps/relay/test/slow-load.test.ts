/**
 * A doc whose stored rows are slow to integrate (formatting-heavy rows written before the
 * relay bounded formatting marks, or by an older relay) must load, not be refused: a first
 * overrun of the size-scaled budget gets a retry with STORED_DATA_BUDGET_MS, and the doc is
 * compacted afterwards so its next load is one row. (reliability FINDINGS.md F4)
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedRows, connectStockClient, type RelayProcess, useRelays, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000019/d0000000001";
const relays = useRelays();
let relay: RelayProcess | undefined;

function formattingHeavyRow(seed: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText(`t${seed}`);
  text.insert(0, "x".repeat(50));
  for (let i = 0; i < 2000; i++) text.format(i % 50, 1, { [`m${i}`]: "y".repeat(20) });
  return Y.encodeStateAsUpdate(doc);
}

describe("slow-to-integrate stored data", () => {
  it("loads (with the stored-data budget if needed) instead of being refused, then compacts", async () => {
    relay = await relays.start({ env: { DECODE_BUDGET_MS: "1", WORKER_DECODE_THRESHOLD_BYTES: "0", UNLOAD_DELAY_MS: "100000" } });
    await relay.stop({ removeData: false });
    const db = new Database(join(relay.dataDir, "quire.sqlite"));
    const honest = new Y.Doc();
    honest.getText("body").insert(0, "a term's worth of group work");
    const insert = db.prepare("INSERT INTO updates (doc, data) VALUES (?, ?)");
    insert.run(DOC, Y.encodeStateAsUpdate(honest));
    for (let i = 0; i < 4; i++) insert.run(DOC, formattingHeavyRow(i));
    db.close();

    await relay.restart();
    const reader = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(reader.provider, 90_000);
    expect(reader.closes).toEqual([]);
    expect(reader.doc.getText("body").toString()).toBe("a term's worth of group work");
    expect(reader.doc.getText("t3").length).toBe(50);
    if (/retrying with the stored-data budget/.test(relay.output)) {
      // The retry path ran: the doc is compacted into one row in the background.
      await waitFor(() => storedRows(relay?.dataDir as string, DOC).length === 1, 90_000, "compaction after a slow load");
    }
    reader.destroy();
  }, 180_000);
});
