import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE } from "@quire/storage-sqlite";
import { connectStockClient, storedDoc, storedRows, useRelays, waitFor, waitSynced } from "@quire/testkit";

// Compaction runs in a worker with its own database connection (issue 17). When that fails —
// a row it cannot merge, or the worker terminated mid-job — the relay logs it, keeps every
// row, keeps serving the doc, and tries again later.
const relays = useRelays();

function failures(output: string): number {
  return output.split("\n").filter((line) => line.includes("compaction failed")).length;
}

describe("a failing compaction worker", () => {
  it("is logged and retried later; the rows stay and the doc keeps working, then compacts once it can", async () => {
    const relay = await relays.start({ env: { COMPACT_AFTER_UPDATES: "30", COMPACTION_RETRY_MS: "300" } });
    const doc = "w0000000017/d0000000031";
    const token = relay.token({ doc, role: "editor" });
    const a = connectStockClient(relay.syncUrl, doc, token);
    const b = connectStockClient(relay.syncUrl, doc, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    const text = a.doc.getText("body");
    const type = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        text.insert(text.length, `${i} `);
        await new Promise((r) => setTimeout(r, 5));
      }
      const expected = text.toString();
      await waitFor(() => b.doc.getText("body").toString() === expected, 20_000, "B in sync");
    };
    await type(0, 5);

    // Another process damages the first stored row (what a bad disk or a careless tool does).
    const file = join(relay.dataDir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma("busy_timeout = 5000");
    const first = db.prepare<[string], { seq: number; data: Buffer }>("SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq LIMIT 1").get(doc);
    if (!first) throw new Error("no stored row");
    db.prepare("UPDATE updates SET data = ? WHERE seq = ?").run(Buffer.from([0xff, 0xff, 0xff, 0xff]), first.seq);

    // Past the compaction point, over more than one retry delay: each attempt fails and is logged.
    await type(5, 60);
    await new Promise((r) => setTimeout(r, 400));
    await type(65, 10);
    await waitFor(() => failures(relay.output) >= 2, 20_000, "two logged compaction failures");
    expect(relay.output).toContain("retried later");
    expect(storedRows(relay.dataDir, doc).length).toBe(75);

    // Repaired: the next attempt after the retry delay compacts, and nothing was lost.
    db.prepare("UPDATE updates SET data = ? WHERE seq = ?").run(first.data, first.seq);
    db.close();
    await new Promise((r) => setTimeout(r, 400));
    await type(75, 5);
    await waitFor(() => storedRows(relay.dataDir, doc).length < 30, 20_000, "compaction after the repair");
    expect(storedDoc(relay.dataDir, doc).getText("body").toString()).toBe(text.toString());
    a.destroy();
    b.destroy();
  }, 60_000);

  it("terminated mid-job by its budget: logged, nothing lost, the next relay compacts", async () => {
    // A 1 ms budget: the worker is terminated in the middle of every compaction (the same
    // path as a hung merge), whatever step it was at — an open transaction rolls back.
    const relay = await relays.start({ env: { COMPACT_AFTER_UPDATES: "100", STORED_DATA_BUDGET_MS: "1", COMPACTION_RETRY_MS: "200" } });
    const doc = "w0000000017/d0000000032";
    const token = relay.token({ doc, role: "editor" });
    const a = connectStockClient(relay.syncUrl, doc, token);
    const b = connectStockClient(relay.syncUrl, doc, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    const text = a.doc.getText("body");
    for (let i = 0; i < 250; i++) {
      text.insert(text.length, `${i} `);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 60));
    }
    const expected = text.toString();
    await waitFor(() => b.doc.getText("body").toString() === expected, 20_000, "B in sync");
    await waitFor(() => failures(relay.output) >= 1, 20_000, "a logged compaction failure");
    expect(relay.output).toMatch(/compaction failed[^\n]*longer than 1 ms/);
    expect(storedDoc(relay.dataDir, doc).getText("body").toString()).toBe(expected);
    a.destroy();
    b.destroy();
    await relay.stop({ removeData: false });

    const next = await relays.start({ dataDir: relay.dataDir, env: { COMPACT_AFTER_UPDATES: "100" } });
    const fresh = connectStockClient(next.syncUrl, doc, next.token({ doc, role: "editor" }));
    await waitSynced(fresh.provider);
    expect(fresh.doc.getText("body").toString()).toBe(expected);
    fresh.destroy();
    // Unloading after the last client compacts the doc into one row.
    await waitFor(() => storedRows(next.dataDir, doc).length === 1, 30_000, "compaction on unload");
    expect(storedDoc(next.dataDir, doc).getText("body").toString()).toBe(expected);
  }, 90_000);
});
