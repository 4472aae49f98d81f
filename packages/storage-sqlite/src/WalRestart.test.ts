/**
 * After a complete checkpoint the maintenance connection restarts the WAL itself, so the main
 * connection's next group commit appends without restarting it (and without the WAL-header
 * fsync that comes with a restart at synchronous = NORMAL). Read from the WAL file's header:
 * a restart bumps its checkpoint sequence and salts.
 */
import { mkdtempSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CommitListener } from "./DocumentStore.ts";
import { DocumentStore } from "./DocumentStore.ts";
import { MaintenanceConnection } from "./MaintenanceConnection.ts";
import { DATABASE_FILE, openDatabase } from "./open-database.ts";

const dirs: string[] = [];
const open: { close(): void }[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const listener: CommitListener = { committed: () => {}, failed: (error) => { throw error; } };

/** Checkpoint sequence and both salts from the WAL header (bytes 12–24), hex. */
function walGeneration(dir: string): string {
  const fd = openSync(join(dir, `${DATABASE_FILE}-wal`), "r");
  try {
    const header = Buffer.alloc(24);
    readSync(fd, header, 0, 24, 0);
    return header.subarray(12, 24).toString("hex");
  } finally {
    closeSync(fd);
  }
}

function commitOne(store: DocumentStore, n: number): void {
  store.stage("w/d", Uint8Array.of(0, 0, n & 0xff), { userId: "u", name: "U", at: n, inserts: [], deletes: [] }, listener);
  store.flush();
}

describe("WalRestart", () => {
  it("restarts the WAL in the maintenance connection, so the main connection's next commit only appends", () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-walrestart-"));
    dirs.push(dir);
    const db = openDatabase(dir, { autoCheckpoint: false });
    const store = new DocumentStore(db);
    const maintenance = new MaintenanceConnection(join(dir, DATABASE_FILE));
    open.push(maintenance, db);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 20; i++) commitOne(store, i);
      const result = maintenance.checkpoint();
      expect(result.checkpointed).toBe(result.walFrames);
      const afterCheckpoint = walGeneration(dir);
      commitOne(store, 99);
      // The main connection's commit did not start a new WAL generation: the restart is done.
      expect(walGeneration(dir)).toBe(afterCheckpoint);
    }
    expect(maintenance.walRestart.restarts).toBe(3);
    // Idle: checkpoints with nothing new from the main connection write nothing.
    maintenance.checkpoint();
    maintenance.checkpoint();
    maintenance.checkpoint();
    expect(maintenance.walRestart.restarts).toBe(4);
  });
});
