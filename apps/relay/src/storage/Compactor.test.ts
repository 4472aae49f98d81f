import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prng from "lib0/prng";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DATABASE_FILE, type Db, DocumentStore, StorageUsage, mergeRows, openDatabase } from "@quire/storage-sqlite";
import { createRandom, planSeeds, replayCommand, withReplay } from "@quire/testkit";
import { DecodeWorker } from "../sync/DecodeWorker.ts";
import { Compactor } from "./Compactor.ts";

// The real compaction path: the built worker script (what the relay runs), its own SQLite
// connection to a real database file, and the main connection appending at the same time.
const WORKER_URL = new URL("../../dist/decode-worker.js", import.meta.url);
const DOC = "w0000000042/d0000000001";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const listener = {
  committed() {},
  failed(error: unknown) {
    throw error;
  },
};

/** Items of `client` summed over every stored row: each must be stored exactly once. */
function storedItems(rows: readonly Uint8Array[], client: number): number {
  let items = 0;
  for (const row of rows) {
    for (const struct of Y.decodeUpdate(row).structs) if (struct.id.client === client) items += struct.length;
  }
  return items;
}

function usageInvariant(db: Db): { usage: number; rows: number } {
  const usage = db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(bytes), 0) AS n FROM storage_usage WHERE doc = ?").get(DOC)?.n ?? -1;
  const rows = db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(length(data)), 0) AS n FROM updates WHERE doc = ?").get(DOC)?.n ?? -2;
  return { usage, rows };
}

describe("Compactor in the worker, racing the main connection's appends", () => {
  if (!existsSync(WORKER_URL)) throw new Error("apps/relay/dist/decode-worker.js is missing: run `pnpm -s run build` first");

  for (const seed of planSeeds(3, 17_001).seeds) {
    it(`loses and duplicates nothing (seed ${seed})`, async () => {
      await withReplay(seed, replayCommand("relay", "src/storage/Compactor.test.ts", seed), async () => {
        const rng = createRandom(seed);
        const dir = mkdtempSync(join(tmpdir(), "quire-compactor-"));
        dirs.push(dir);
        const db = openDatabase(dir, { autoCheckpoint: false });
        const usage = new StorageUsage(db);
        const store = new DocumentStore(db, usage);
        const worker = new DecodeWorker(WORKER_URL, 60_000);
        const compactor = new Compactor(usage, worker, { databaseFile: join(dir, DATABASE_FILE), budgetMs: 60_000, retryMs: 0 });
        const writer = new Y.Doc({ gc: false });
        const text = writer.getText("body");
        const pending: Uint8Array[] = [];
        writer.on("update", (update: Uint8Array) => pending.push(update));
        const compactions: Promise<number>[] = [];
        let at = 1_000;
        try {
          for (let step = 0; step < 400; step++) {
            // 1–4 keystrokes staged in this turn (one group commit), at random places.
            for (let n = prng.int32(rng, 1, 4); n > 0; n--) text.insert(prng.int32(rng, 0, text.length), `${step}.${n};`);
            if (prng.bool(rng)) text.delete(prng.int32(rng, 0, Math.max(0, text.length - 1)), Math.min(1, text.length));
            for (const update of pending.splice(0)) {
              at += 1;
              store.stage(DOC, update, { userId: prng.bool(rng) ? "ann" : "bob", name: "x", at, inserts: [], deletes: [] }, listener);
            }
            // A compaction starts at random moments, often while the previous one still runs.
            if (prng.int32(rng, 0, 15) === 0) compactions.push(compactor.compact(DOC));
            const pause = prng.int32(rng, 0, 3);
            if (pause === 0) await new Promise((r) => setImmediate(r));
            else await new Promise((r) => setTimeout(r, pause - 1));
          }
          store.flush();
          const merged = await Promise.all(compactions);
          expect(merged.some((rows) => rows > 1), "at least one compaction merged rows").toBe(true);
          expect(await compactor.compact(DOC)).toBeGreaterThanOrEqual(0);

          const { updates } = await store.load(DOC);
          const client = writer.clientID;
          // Every item once: a row lost or merged twice shows here even where text would not.
          expect(storedItems(updates, client)).toBe(Y.getState(writer.store, client));
          const rebuilt = new Y.Doc({ gc: false });
          Y.applyUpdate(rebuilt, mergeRows(updates));
          expect(rebuilt.getText("body").toString()).toBe(text.toString());
          // Usage: the table matches the rows, and the main connection's totals match the table.
          const { usage: booked, rows } = usageInvariant(db);
          expect(booked).toBe(rows);
          expect(usage.workspace("w0000000042").usedBytes).toBe(rows);
        } finally {
          await worker.close();
          db.close();
        }
      });
    }, 60_000);
  }
});
