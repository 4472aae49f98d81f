import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentStore } from "./DocumentStore.ts";
import { MaintenanceConnection } from "./MaintenanceConnection.ts";
import { mergeRows } from "./merge-rows.ts";
import { DATABASE_FILE, WAL_SIZE_LIMIT_BYTES, openDatabase } from "./open-database.ts";

const dirs: string[] = [];
const open: { close(): void }[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The relay's main connection (autocheckpoint off) and a maintenance connection to the same file. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), "quire-maint-"));
  dirs.push(dir);
  const db = openDatabase(dir, { autoCheckpoint: false });
  const store = new DocumentStore(db);
  const maintenance = new MaintenanceConnection(join(dir, DATABASE_FILE));
  open.push(maintenance, db);
  return { dir, db, store, maintenance };
}

function keystrokes(n: number, from = 0): Uint8Array[] {
  const doc = new Y.Doc({ gc: false });
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < from + n; i++) doc.getText("t").insert(i, "x".repeat(50));
  return out.slice(from);
}

describe("MaintenanceConnection", () => {
  it("keeps rows appended by the main connection while it merges, after the merged row", async () => {
    const { store, maintenance } = setup();
    const rows = keystrokes(40);
    await store.append("w/d", rows.slice(0, 30));
    const result = maintenance.compact("w/d", (read) => {
      // The main connection appends while the worker merges (WAL: no lock between them).
      void store.append("w/d", rows.slice(30));
      return mergeRows(read);
    });
    expect(result.rows).toBe(30);
    const { updates } = await store.load("w/d");
    expect(updates.length).toBe(11);
    const doc = new Y.Doc({ gc: false });
    for (const u of updates) Y.applyUpdate(doc, u);
    expect(doc.getText("t").length).toBe(40 * 50);
    // The usage table stays equal to the rows (rescaled in the replace's transaction).
    const usage = result.usage.reduce((sum, c) => sum + c.bytes, 0);
    expect(usage).toBe(result.bytesAfter - result.bytesBefore);
  });

  it("replaces nothing when the rows it read changed meanwhile (expectedRows guard)", async () => {
    const { store, maintenance } = setup();
    await store.append("w/d", keystrokes(20));
    const result = maintenance.compact("w/d", (read) => {
      // Another compaction (the main connection's) replaced the same rows first.
      void store.compact("w/d");
      return mergeRows(read);
    });
    expect(result.rows).toBe(0);
    expect((await store.load("w/d")).updates.length).toBe(1);
  });

  it("writes nothing when a row does not merge", async () => {
    const { store, maintenance } = setup();
    await store.append("w/d", [...keystrokes(5), new Uint8Array([0xff, 0xff, 0xff])]);
    expect(() => maintenance.compact("w/d", mergeRows)).toThrow(/stored update #5/);
    expect((await store.load("w/d")).updates.length).toBe(6);
  });

  it("gives freed pages back in slices and checkpoints the WAL without the main connection", async () => {
    const { dir, db, store, maintenance } = setup();
    await store.append("w/d", keystrokes(400));
    expect(maintenance.compact("w/d", mergeRows).rows).toBe(400);
    const free = Number(db.pragma("freelist_count", { simple: true }));
    expect(free).toBeGreaterThan(0);
    expect(maintenance.releaseFreePages()).toBeGreaterThanOrEqual(free);
    expect(Number(db.pragma("freelist_count", { simple: true }))).toBe(0);
    const wal = statSync(join(dir, `${DATABASE_FILE}-wal`)).size;
    expect(wal).toBeGreaterThan(0);
    const { walFrames, checkpointed } = maintenance.checkpoint();
    expect(walFrames).toBeGreaterThan(0);
    expect(checkpointed).toBe(walFrames);
    // The next write restarts the WAL from its start: it stops growing.
    await store.append("w/e", keystrokes(1));
    expect(statSync(join(dir, `${DATABASE_FILE}-wal`)).size).toBeLessThanOrEqual(wal);
  });

  it("cuts a fully checkpointed WAL bigger than journal_size_limit back without waiting for the next write", async () => {
    const { dir, store, maintenance } = setup();
    // One burst of ~12 MiB (like a member's last big write before the quota refused the rest).
    const big = new Y.Doc();
    big.getText("t").insert(0, "a".repeat(3 * WAL_SIZE_LIMIT_BYTES));
    await store.append("w/big", [Y.encodeStateAsUpdate(big)]);
    const walFile = join(dir, `${DATABASE_FILE}-wal`);
    expect(statSync(walFile).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    const { walFrames, checkpointed } = maintenance.checkpoint();
    expect(checkpointed).toBe(walFrames);
    // Without a write after the burst, SQLite alone would keep the WAL at its high-water mark.
    expect(statSync(walFile).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    expect((await store.load("w/big")).updates.length).toBe(1);
  });

  it("reads a doc's rows as DocumentStore.load does, checksums included", async () => {
    const { db, store, maintenance } = setup();
    const listener = { committed() {}, failed() {} };
    for (const u of keystrokes(3)) store.stage("w/d", u, { userId: "u", name: "U", at: 1, inserts: [], deletes: [] }, listener);
    store.flush();
    expect(maintenance.read("w/d")).toEqual(await store.load("w/d"));
    expect(maintenance.read("w/d").verified).toBe(true);
    // A changed byte (or a row without a checksum) makes the set unverified: it is rebuilt and checked.
    db.prepare("UPDATE updates SET data = X'0000' WHERE seq = (SELECT MIN(seq) FROM updates)").run();
    expect(maintenance.read("w/d").verified).toBe(false);
    expect(maintenance.read("w/none")).toEqual({ updates: [], bytes: 0, maxSeq: 0, verified: false });
  });

  it("the main connection opened with autoCheckpoint false never checkpoints on commit", async () => {
    const { db } = setup();
    expect(Number(db.pragma("wal_autocheckpoint", { simple: true }))).toBe(0);
  });
});
