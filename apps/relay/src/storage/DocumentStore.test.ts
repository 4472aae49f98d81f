import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { DocumentStore } from "./DocumentStore.ts";
import { openDatabase } from "./open-database.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store over a fresh SQLite file (removed after the test), with its database handle. */
function openStore(options: Parameters<typeof openDatabase>[1] = {}): { store: DocumentStore; db: ReturnType<typeof openDatabase> } {
  const dir = mkdtempSync(join(tmpdir(), "quire-store-"));
  dirs.push(dir);
  const db = openDatabase(dir, options);
  return { store: new DocumentStore(db), db };
}

function store(): DocumentStore {
  return openStore().store;
}

describe("DocumentStore", () => {
  it("compaction merges rows into one and keeps deleted content for history", () => {
    const s = store();
    const doc = createQuireDoc();
    doc.on("update", (update: Uint8Array) => s.append("w1/d1", [update]));
    const text = doc.getText("t");
    text.insert(0, "first draft");
    const draft = Y.snapshot(doc);
    text.delete(0, 6);
    text.insert(text.length, " and more");
    expect(s.count("w1/d1")).toBe(3);

    expect(s.compact("w1/d1")).toBe(3);
    expect(s.count("w1/d1")).toBe(1);
    const loaded = createQuireDoc();
    for (const update of s.load("w1/d1").updates) Y.applyUpdate(loaded, update);
    expect(loaded.getText("t").toString()).toBe("draft and more");
    // The deleted "first " is still there: the old snapshot can be rebuilt.
    expect(Y.createDocFromSnapshot(loaded, draft).getText("t").toString()).toBe("first draft");
    expect(s.compact("w1/d1")).toBe(0);
  });

  it("keeps docs apart", () => {
    const s = store();
    const a = createQuireDoc();
    a.getText("t").insert(0, "a");
    s.append("w1/a", [Y.encodeStateAsUpdate(a)]);
    expect(s.load("w1/b").updates).toHaveLength(0);
    expect(s.load("w1/a").updates).toHaveLength(1);
  });

  it("records quarantined docs", () => {
    const s = store();
    expect(s.quarantineReason("w1/x")).toBeNull();
    s.quarantine("w1/x", "bad row");
    expect(s.quarantineReason("w1/x")).toBe("bad row");
  });
});

describe("DocumentStore group commit", () => {
  function listener() {
    const events: string[] = [];
    return { events, committed: () => events.push("committed"), failed: (e: unknown) => events.push(`failed: ${String(e)}`) };
  }

  it("writes a turn's staged rows together and tells each listener once", async () => {
    const s = store();
    const a = listener();
    const b = listener();
    s.stage("w1/a", new Uint8Array([0, 0]), a);
    s.stage("w1/a", new Uint8Array([0, 0]), a);
    s.stage("w1/b", new Uint8Array([0, 0]), b);
    expect(a.events).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.events).toEqual(["committed"]);
    expect(b.events).toEqual(["committed"]);
    expect(s.count("w1/a")).toBe(2);
    expect(s.count("w1/b")).toBe(1);
    // Staged rows were checked by the room before staging: they load as verified.
    expect(s.load("w1/a").verified).toBe(true);
  });

  it("a read writes what is staged first", () => {
    const s = store();
    const a = listener();
    s.stage("w1/a", new Uint8Array([0, 0]), a);
    expect(s.load("w1/a").updates).toHaveLength(1);
    expect(a.events).toEqual(["committed"]);
  });

  it("when the disk is full only the doc that does not fit fails", () => {
    const s = openStore({ maxBytes: 128 * 1024 }).store;
    const big = listener();
    const small = listener();
    s.stage("w1/big", new Uint8Array(512 * 1024), big);
    s.stage("w1/small", new Uint8Array([0, 0]), small);
    s.flush();
    expect(big.events).toHaveLength(1);
    expect(big.events[0]).toMatch(/failed: .*full/i);
    expect(small.events).toEqual(["committed"]);
    expect(s.count("w1/big")).toBe(0);
    expect(s.count("w1/small")).toBe(1);
  });
});

describe("DocumentStore.replaceUpTo", () => {
  it("keeps rows appended after the read and refuses when the read rows changed", () => {
    const s = store();
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (const ch of "abcd") doc.getText("t").insert(0, ch);
    s.append("w1/d", updates.slice(0, 3));
    const read = s.load("w1/d");
    s.append("w1/d", updates.slice(3));
    const merged = Y.mergeUpdates(read.updates);
    expect(s.replaceUpTo("w1/d", read.maxSeq, read.updates.length + 1, merged)).toBe(false);
    expect(s.count("w1/d")).toBe(4);
    expect(s.replaceUpTo("w1/d", read.maxSeq, read.updates.length, merged)).toBe(true);
    expect(s.count("w1/d")).toBe(2);
    const loaded = createQuireDoc();
    for (const u of s.load("w1/d").updates) Y.applyUpdate(loaded, u);
    expect(loaded.getText("t").toString()).toBe("dcba");
  });
});

describe("DocumentStore compacted rows", () => {
  it("a merged row loads as verified until its bytes change", () => {
    const { store: s, db } = openStore();
    const doc = createQuireDoc();
    doc.on("update", (u: Uint8Array) => s.append("w1/v", [u]));
    for (const ch of "abc") doc.getText("t").insert(0, ch);
    expect(s.load("w1/v").verified).toBe(false);
    expect(s.compact("w1/v")).toBe(3);
    expect(s.load("w1/v").verified).toBe(true);
    const row = db.prepare("SELECT seq, data FROM updates WHERE doc = ?").get("w1/v") as { seq: number; data: Buffer };
    const flipped = Buffer.from(row.data);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    db.prepare("UPDATE updates SET data = ? WHERE seq = ?").run(flipped, row.seq);
    expect(s.load("w1/v").verified).toBe(false);
  });

  it("pages freed by compaction go back to the file system", () => {
    const { store: s, db } = openStore();
    const doc = createQuireDoc();
    doc.on("update", (u: Uint8Array) => s.append("w1/f", [u]));
    for (let i = 0; i < 2_000; i++) doc.getText("t").insert(0, `${i} `);
    const pagesBefore = Number(db.pragma("page_count", { simple: true }));
    s.compact("w1/f");
    expect(Number(db.pragma("freelist_count", { simple: true }))).toBeGreaterThan(0);
    s.releaseFreePages();
    expect(Number(db.pragma("freelist_count", { simple: true }))).toBe(0);
    expect(Number(db.pragma("page_count", { simple: true }))).toBeLessThan(pagesBefore);
  });
});
