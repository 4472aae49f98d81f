/**
 * Provenance at write time (issue 11, items 3–4) through a real relay process with stock
 * y-websocket clients: every accepted update is recorded with its sender (token sub and
 * display name), the relay's receive time and its exact clock ranges; compaction merges the
 * rows but keeps every record and leaves checkpoints that rebuild earlier states.
 */
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ClockRange, ProvenanceRecord } from "@quire/core";
import { RelayProcess, type StockClient, connectStockClient, storedCheckpoints, storedDoc, storedProvenance, storedRows, waitFor, waitSynced } from "@quire/testkit";

const relays: RelayProcess[] = [];
afterAll(async () => {
  for (const relay of relays) await relay.stop({ removeData: true });
});

async function twoUsers(relay: RelayProcess, doc: string): Promise<[StockClient, StockClient]> {
  const ann = connectStockClient(relay.syncUrl, doc, relay.token({ doc, sub: "u_ann", name: "Ann" }));
  const ben = connectStockClient(relay.syncUrl, doc, relay.token({ doc, sub: "u_ben", name: "Ben" }));
  await Promise.all([waitSynced(ann.provider), waitSynced(ben.provider)]);
  return [ann, ben];
}

function rangesOf(records: readonly ProvenanceRecord[], userId: string, kind: "inserts" | "deletes"): ClockRange[] {
  return records.filter((r) => r.userId === userId).flatMap((r) => r[kind]);
}

const sum = (records: readonly ProvenanceRecord[], key: "updates" | "bytes") => records.reduce((n, r) => n + r[key], 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("provenance through a real relay", () => {
  it("records every accepted update of two users: who, the relay's time, exact ranges", async () => {
    const relay = await RelayProcess.start({ env: { COMPACT_AFTER_UPDATES: "100000" } });
    relays.push(relay);
    const doc = "w0000000041/d0000000001";
    const startedAt = Date.now();
    const [ann, ben] = await twoUsers(relay, doc);
    const text = ann.doc.getText("t");
    for (let i = 0; i < 20; i++) {
      text.insert(text.length, `a${i} `);
      await sleep(5);
    }
    await waitFor(() => ben.doc.getText("t").length === text.length, 10_000, "Ben has Ann's text");
    // Ben deletes Ann's first word and writes his own.
    ben.doc.getText("t").delete(0, 3);
    ben.doc.getText("t").insert(0, "Ben was here ");
    await waitFor(() => text.toString() === ben.doc.getText("t").toString(), 10_000, "Ann has Ben's edit");
    await waitFor(() => sum(storedProvenance(relay.dataDir, doc), "updates") === storedRows(relay.dataDir, doc).length, 10_000, "records");
    const endedAt = Date.now();

    const records = storedProvenance(relay.dataDir, doc);
    const rows = storedRows(relay.dataDir, doc);
    // Every stored update is counted by exactly one record, with its bytes.
    expect(sum(records, "updates")).toBe(rows.length);
    expect(sum(records, "bytes")).toBe(rows.reduce((n, r) => n + r.byteLength, 0));
    expect(new Set(records.map((r) => `${r.userId}:${r.name}`))).toEqual(new Set(["u_ann:Ann", "u_ben:Ben"]));
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    // The relay's clock: within the test's wall-clock span, never the client's (which sends none).
    for (const r of records) {
      expect(r.firstAt).toBeGreaterThanOrEqual(startedAt);
      expect(r.lastAt).toBeLessThanOrEqual(endedAt);
      expect(r.firstAt).toBeLessThanOrEqual(r.lastAt);
    }
    // Exact insert ranges: all of Ann's clocks are Ann's, all of Ben's are Ben's.
    const annClock = Y.getState(ann.doc.store, ann.doc.clientID);
    const benClock = Y.getState(ben.doc.store, ben.doc.clientID);
    const merge = (ranges: ClockRange[]) => ranges.reduce((n, r) => n + r.len, 0);
    expect(rangesOf(records, "u_ann", "inserts").every((r) => r.client === ann.doc.clientID)).toBe(true);
    expect(merge(rangesOf(records, "u_ann", "inserts"))).toBe(annClock);
    expect(rangesOf(records, "u_ben", "inserts").every((r) => r.client === ben.doc.clientID)).toBe(true);
    expect(merge(rangesOf(records, "u_ben", "inserts"))).toBe(benClock);
    // Ben's delete of Ann's first word ("a0 ": 3 clocks of Ann's client) is Ben's.
    expect(rangesOf(records, "u_ben", "deletes")).toEqual([{ client: ann.doc.clientID, clock: 0, len: 3 }]);
    expect(rangesOf(records, "u_ann", "deletes")).toEqual([]);
    // Ann's typing run (well within the coalescing window) is far fewer records than updates.
    expect(records.filter((r) => r.userId === "u_ann").length).toBeLessThan(5);
    ann.destroy();
    ben.destroy();
  });

  it("survives compaction past compactAfterUpdates, with checkpoints that rebuild earlier states", async () => {
    const relay = await RelayProcess.start({ env: { COMPACT_AFTER_UPDATES: "20", UNLOAD_DELAY_MS: "200" } });
    relays.push(relay);
    const doc = "w0000000041/d0000000002";
    const [ann, ben] = await twoUsers(relay, doc);
    const text = ann.doc.getText("t");
    for (let i = 0; i < 60; i++) {
      const [writer, reader] = i % 2 === 0 ? [ann, ben] : [ben, ann];
      writer.doc.getText("t").insert(0, `${i} `);
      // The relay broadcasts only what it committed: once the other user has it, it is a row
      // of its own. Without this wait a busy relay group-commits several updates per row and
      // never reaches the 20 rows that start a compaction (the test then saw 1 checkpoint).
      await waitFor(() => reader.doc.getText("t").toString().startsWith(`${i} `), 10_000, `update ${i} relayed`);
    }
    await waitFor(() => text.toString() === ben.doc.getText("t").toString(), 10_000, "in sync");
    const expected = text.toString();
    await waitFor(() => storedRows(relay.dataDir, doc).length < 30, 20_000, "compaction");
    ann.destroy();
    ben.destroy();
    // Unloading compacts the rest into one row.
    await waitFor(() => storedRows(relay.dataDir, doc).length === 1, 20_000, "unload compaction");
    expect(storedDoc(relay.dataDir, doc).getText("t").toString()).toBe(expected);

    const records = storedProvenance(relay.dataDir, doc);
    expect(sum(records, "updates")).toBe(60);
    expect(records.filter((r) => r.userId === "u_ann").reduce((n, r) => n + r.updates, 0)).toBe(30);
    const checkpoints = storedCheckpoints(relay.dataDir, doc);
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    // One per compaction that ran (60 rows, one per 20) and one at unload: never one per
    // commit while a compaction is in flight (each walks the whole doc on the main thread).
    expect(checkpoints.length).toBeLessThanOrEqual(60 / 20 + 1);
    const last = checkpoints[checkpoints.length - 1];
    expect(last?.seq).toBe(records[records.length - 1]?.seq);
    // Each checkpoint rebuilds, from the compacted row alone, exactly the text the records up
    // to its seq inserted (nothing is deleted in this test).
    const stored = storedDoc(relay.dataDir, doc);
    for (const checkpoint of checkpoints) {
      const then = Y.createDocFromSnapshot(stored, Y.decodeSnapshot(checkpoint.snapshot)).getText("t").toString();
      const inserted = records.filter((r) => r.seq <= checkpoint.seq).reduce((n, r) => n + r.inserts.reduce((m, x) => m + x.len, 0), 0);
      expect(then.length).toBe(inserted);
    }
    expect(Y.createDocFromSnapshot(stored, Y.decodeSnapshot(checkpoints[0]?.snapshot as Uint8Array)).getText("t").length).toBeLessThan(expected.length);
  });
});
