import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DocumentStore, openDatabase } from "@quire/storage-sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { ProvenanceRetention } from "./ProvenanceRetention.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const DAY = 24 * 60 * 60 * 1000;
const noop = { committed: () => {}, failed: (e: unknown) => { throw e; } };

describe("ProvenanceRetention", () => {
  it("coarsens records older than the setting in every doc and leaves recent ones; 0 keeps everything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-retention-"));
    dirs.push(dir);
    const db = openDatabase(dir);
    const store = new DocumentStore(db, undefined, { coalesceWindowMs: 1 });
    const now = Date.UTC(2026, 10, 30);
    const stage = (doc: string, at: number, clock: number) =>
      store.stage(doc, new Uint8Array([0, 0]), { userId: "ann", name: "Ann", at, inserts: [{ client: 7, clock, len: 1 }], deletes: [] }, noop);
    for (const doc of ["w/a", "w/b"]) {
      for (let i = 0; i < 5; i++) stage(doc, now - 200 * DAY + i * 60_000, i); // one old session
      for (let i = 0; i < 3; i++) stage(doc, now - 1 * DAY + i * 60_000, 10 + i); // a recent one
    }
    store.flush();
    expect(await new ProvenanceRetention(store, 0, () => now).runOnce()).toBe(0);
    const retention = new ProvenanceRetention(store, 180, () => now);
    expect(await retention.runOnce()).toBe(8);
    for (const doc of ["w/a", "w/b"]) {
      const records = await store.provenance(doc);
      expect(records.map((r) => [r.seq, r.updates])).toEqual([[5, 5], [6, 1], [7, 1], [8, 1]]);
      expect(records[0]?.inserts).toEqual([{ client: 7, clock: 0, len: 5 }]);
    }
    expect(await retention.runOnce()).toBe(0);
    await retention.stop();
    db.close();
  });
});
