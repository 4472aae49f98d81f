import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import type { UpdateProvenance } from "@quire/storage";
import { type CommitListener, DocumentStore } from "./DocumentStore.ts";

/** Provenance naming `writer` as the sender (the quotas read only the user id). */
function by(writer: string): UpdateProvenance {
  return { userId: writer, name: writer, at: Date.now(), inserts: [], deletes: [] };
}
import { type Db, openDatabase } from "./open-database.ts";
import { StorageUsage } from "./StorageUsage.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openDb(options: Parameters<typeof openDatabase>[1] = {}): Db {
  const dir = mkdtempSync(join(tmpdir(), "quire-usage-"));
  dirs.push(dir);
  return openDatabase(dir, options);
}

/** What the rows of `prefix*` really hold: the figure must always equal this. */
function rowBytes(db: Db, prefix: string): number {
  return (db.prepare("SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc LIKE ?").get(`${prefix}%`) as { n: number }).n;
}

const quiet: CommitListener = { committed: () => {}, failed: () => {} };

/** Typing updates from a doc: many small rows, as a class writes them. */
function typing(count: number): Uint8Array[] {
  const doc = createQuireDoc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("body");
  for (let i = 0; i < count; i++) {
    text.insert(text.length, `word ${i} `);
    if (i % 4 === 0) text.delete(0, 1);
  }
  return updates;
}

describe("StorageUsage", () => {
  it("books each group commit per workspace and writer, and counts staged bytes against quotas", () => {
    const db = openDb();
    const usage = new StorageUsage(db, { workspaceQuotaBytes: 1000, userQuotaBytes: 600 });
    const store = new DocumentStore(db, usage);
    store.stage("wa/d1", new Uint8Array(400), by("ann"), quiet);
    // Staged but unwritten bytes count: 400 + 300 is over Ann's 600.
    expect(store.quotaRefusal("wa/d2", "ann", 300)).toMatch(/your storage quota/);
    expect(store.quotaRefusal("wa/d2", "ben", 300)).toBeNull();
    store.stage("wa/d2", new Uint8Array(300), by("ben"), quiet);
    store.flush();
    expect(usage.workspace("wa")).toEqual({ usedBytes: 700, quotaBytes: 1000 });
    expect(usage.member("ann")).toEqual({ usedBytes: 400, quotaBytes: 600 });
    expect(store.quotaRefusal("wa/d3", "cleo", 301)).toMatch(/workspace's storage quota/);
    expect(store.quotaRefusal("wb/d1", "cleo", 301)).toBeNull();
    expect(usage.workspace("wa").usedBytes).toBe(rowBytes(db, "wa/"));
  });

  it("a failed write counts nothing", () => {
    // A 128 KiB database cap stands in for a full disk (the empty schema takes ~90 KiB).
    const db = openDb({ maxBytes: 128 * 1024 });
    const usage = new StorageUsage(db, { workspaceQuotaBytes: 0, userQuotaBytes: 0 });
    const store = new DocumentStore(db, usage);
    let failed = false;
    store.stage("wa/big", new Uint8Array(200 * 1024), by("ann"), { committed: () => {}, failed: () => (failed = true) });
    store.flush();
    expect(failed).toBe(true);
    expect(usage.workspace("wa").usedBytes).toBe(0);
    expect(usage.member("ann").usedBytes).toBe(0);
    expect(store.quotaRefusal("wa/d", "ann", 1)).toBeNull();
  });

  it("stays exact through compactions, splitting what remains between the writers", async () => {
    const db = openDb();
    const store = new DocumentStore(db, new StorageUsage(db));
    const updates = typing(300);
    for (const [i, u] of updates.entries()) store.stage("wa/d", u, by(i % 3 === 0 ? "ann" : "ben"), quiet);
    store.flush();
    const before = { ann: store.usage.member("ann").usedBytes, ben: store.usage.member("ben").usedBytes };
    expect(before.ann + before.ben).toBe(rowBytes(db, "wa/"));
    expect(await store.compact("wa/d")).toBe(updates.length);
    const after = { ann: store.usage.member("ann").usedBytes, ben: store.usage.member("ben").usedBytes };
    expect(store.usage.workspace("wa").usedBytes).toBe(rowBytes(db, "wa/"));
    expect(after.ann + after.ben).toBe(rowBytes(db, "wa/"));
    expect(after.ann).toBeLessThan(before.ann);
    // Shares stay in proportion (to rounding).
    expect(Math.abs(after.ann / (after.ann + after.ben) - before.ann / (before.ann + before.ben))).toBeLessThan(0.01);
    // More writes and a second compaction over the merged row keep it exact.
    const more = createQuireDoc();
    more.getText("body").insert(0, "later");
    store.stage("wa/d", Y.encodeStateAsUpdate(more), by("cleo"), quiet);
    store.flush();
    await store.compact("wa/d");
    expect(store.usage.workspace("wa").usedBytes).toBe(rowBytes(db, "wa/"));
  });

  it("counts a database from before accounting once, as nobody's, and persists the figures", () => {
    const db = openDb();
    db.prepare("INSERT INTO updates (doc, data) VALUES (?, ?)").run("wa/old", Buffer.alloc(123));
    db.exec("DROP TABLE IF EXISTS storage_usage");
    const first = new StorageUsage(db);
    expect(first.workspace("wa").usedBytes).toBe(123);
    const store = new DocumentStore(db, first);
    store.stage("wa/new", new Uint8Array(7), by("ann"), quiet);
    store.flush();
    // A restart reads the table, not the rows.
    const second = new StorageUsage(db);
    expect(second.workspace("wa").usedBytes).toBe(130);
    expect(second.member("ann").usedBytes).toBe(7);
  });
});
