import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { runStoragePortSuite } from "@quire/storage/conformance";
import { DocumentStore } from "./DocumentStore.ts";
import { mergeRows } from "./merge-rows.ts";
import { openDatabase } from "./open-database.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store over a fresh SQLite file (removed after the test), with its database handle. */
function openStore(options: Parameters<typeof openDatabase>[1] = {}): { store: DocumentStore; db: ReturnType<typeof openDatabase>; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "quire-store-"));
  dirs.push(dir);
  const db = openDatabase(dir, options);
  return { store: new DocumentStore(db), db, dir };
}

// SQLite capacity is real: max_page_count makes a write past it fail with SQLITE_FULL.
runStoragePortSuite("SQLite (DocumentStore)", ({ capacityBytes }) => {
  const { store, db, dir } = openStore({ maxBytes: capacityBytes ?? 0 });
  return {
    port: store,
    teardown: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("DocumentStore (SQLite specifics)", () => {
  it("compaction merges rows into one and keeps deleted content for history", async () => {
    const { store: s } = openStore();
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const text = doc.getText("t");
    text.insert(0, "first draft");
    const draft = Y.snapshot(doc);
    text.delete(0, 6);
    text.insert(text.length, " and more");
    for (const u of updates) await s.append("w1/d1", [u]);
    expect(s.count("w1/d1")).toBe(3);

    expect(await s.compact("w1/d1")).toBe(3);
    expect(s.count("w1/d1")).toBe(1);
    const loaded = createQuireDoc();
    for (const update of (await s.load("w1/d1")).updates) Y.applyUpdate(loaded, update);
    expect(loaded.getText("t").toString()).toBe("draft and more");
    // The deleted "first " is still there: the old snapshot can be rebuilt.
    expect(Y.createDocFromSnapshot(loaded, draft).getText("t").toString()).toBe("first draft");
    expect(await s.compact("w1/d1")).toBe(0);
  });

  it("a merged row loads as verified until its bytes change", async () => {
    const { store: s, db } = openStore();
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (const ch of "abc") doc.getText("t").insert(0, ch);
    for (const u of updates) await s.append("w1/v", [u]);
    expect((await s.load("w1/v")).verified).toBe(false);
    expect(await s.compact("w1/v")).toBe(3);
    expect((await s.load("w1/v")).verified).toBe(true);
    const row = db.prepare("SELECT seq, data FROM updates WHERE doc = ?").get("w1/v") as { seq: number; data: Buffer };
    const flipped = Buffer.from(row.data);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    db.prepare("UPDATE updates SET data = ? WHERE seq = ?").run(flipped, row.seq);
    expect((await s.load("w1/v")).verified).toBe(false);
  });

  it("pages freed by compaction go back to the file system", async () => {
    const { store: s, db } = openStore();
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 2_000; i++) doc.getText("t").insert(0, `${i} `);
    await s.append("w1/f", updates);
    const pagesBefore = Number(db.pragma("page_count", { simple: true }));
    await s.compact("w1/f");
    expect(Number(db.pragma("freelist_count", { simple: true }))).toBeGreaterThan(0);
    s.releaseFreePages();
    expect(Number(db.pragma("freelist_count", { simple: true }))).toBe(0);
    expect(Number(db.pragma("page_count", { simple: true }))).toBeLessThan(pagesBefore);
  });

  it("the newest record is read back after a restart and extended, not duplicated", async () => {
    const first = openStore();
    const l = { committed: () => {}, failed: () => {} };
    first.store.stage("w1/r", new Uint8Array([0, 0]), { userId: "ann", name: "Ann", at: 1_000, inserts: [{ client: 1, clock: 0, len: 1 }], deletes: [] }, l);
    first.store.flush();
    first.db.close();
    const again = new DocumentStore(openDatabase(first.dir));
    again.stage("w1/r", new Uint8Array([0, 0]), { userId: "ann", name: "Ann", at: 1_500, inserts: [{ client: 1, clock: 1, len: 1 }], deletes: [] }, l);
    again.flush();
    const records = await again.provenance("w1/r");
    expect(records.map((r) => [r.seq, r.updates, r.firstAt, r.lastAt])).toEqual([[1, 2, 1_000, 1_500]]);
    expect(records[0]?.inserts).toEqual([{ client: 1, clock: 0, len: 2 }]);
  });

  it("a commit listener that throws goes to the injected logger and the others still run", async () => {
    const { db } = openStore();
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const store = new DocumentStore(db, undefined, { logger: { error: (msg, fields) => logged.push({ msg, fields }) } });
    const provenance = { userId: "ann", name: "Ann", at: 1_000, inserts: [], deletes: [] };
    let committed = 0;
    const throwing = { committed: () => { throw new Error("room bug"); }, failed: () => {} };
    const counting = { committed: () => { committed++; }, failed: () => {} };
    store.stage("w1/l", new Uint8Array([0, 0]), provenance, throwing);
    store.stage("w1/l", new Uint8Array([0, 0]), provenance, counting);
    store.flush();
    expect(committed).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.msg).toBe("commit listener failed");
    expect(String(logged[0]?.fields?.error)).toContain("room bug");
  });

  it("compact() merges with the injected merge and stores what it returns", async () => {
    const { db } = openStore();
    const seen: number[] = [];
    const merge = (rows: readonly Uint8Array[]) => {
      seen.push(rows.length);
      return mergeRows(rows);
    };
    const store = new DocumentStore(db, undefined, { merge });
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (const ch of "xyz") doc.getText("t").insert(0, ch);
    await store.append("w1/m", updates);
    expect(await store.compact("w1/m")).toBe(3);
    expect(seen).toEqual([3]);
    const loaded = createQuireDoc();
    for (const update of (await store.load("w1/m")).updates) Y.applyUpdate(loaded, update);
    expect(loaded.getText("t").toString()).toBe("zyx");
  });
});
