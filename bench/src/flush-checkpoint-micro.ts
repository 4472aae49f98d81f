/**
 * Micro-check for issue 17 / FINDINGS F9: how long one group commit (`DocumentStore.flush`,
 * one keystroke-sized row) blocks the thread that runs it, with SQLite's automatic WAL
 * checkpoint (the relay before) and with it off while a worker thread with its own connection
 * runs a PASSIVE checkpoint every second (the relay now). Same rows, same disk, alternating.
 * Not a benchmark with a goal check: a repeatable number behind the finding.
 *   pnpm --filter @quire/bench exec tsx src/flush-checkpoint-micro.ts [turns=20000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DATABASE_FILE, DocumentStore, openDatabase } from "@quire/storage-sqlite";
import * as Y from "yjs";

const turns = Number(process.argv[2] ?? 20_000);
const listener = { committed() {}, failed(error: unknown) { throw error; } };

/** Keystroke-sized updates (one inserted character each, ~20–30 bytes). */
function keystrokes(n: number): Uint8Array[] {
  const doc = new Y.Doc({ gc: false });
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getText("t").insert(Math.floor(i / 2), "abcdefghij"[i % 10] as string);
  return out;
}

async function run(mode: "auto" | "worker" | "none", updates: Uint8Array[]): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "quire-flush-"));
  const db = openDatabase(dir, { autoCheckpoint: mode === "auto" });
  const store = new DocumentStore(db);
  let worker: Worker | null = null;
  if (mode === "worker") {
    // The same pragma the relay's MaintenanceConnection runs, from a thread of its own.
    worker = new Worker(
      `const Database = require("better-sqlite3"); const db = new Database(${JSON.stringify(join(dir, DATABASE_FILE))});
       db.pragma("busy_timeout = 5000"); setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), 1000);`,
      { eval: true },
    );
  }
  const durations: number[] = [];
  for (const [i, update] of updates.entries()) {
    store.stage("w/d", update, { userId: "u", name: "U", at: i, inserts: [], deletes: [] }, listener);
    const started = performance.now();
    store.flush();
    durations.push(performance.now() - started);
    // One keystroke per turn, ~2,000 keystrokes a second: a busy class.
    if (i % 4 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  await worker?.terminate();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return durations.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const updates = keystrokes(turns);
for (const round of [1, 2]) {
  for (const mode of (process.env.MODES?.split(",") ?? (round === 1 ? ["auto", "worker"] : ["worker", "auto"])) as ("auto" | "worker" | "none")[]) {
    const d = await run(mode, updates);
    const over = (ms: number) => d.filter((x) => x > ms).length;
    console.log(
      `${mode === "auto" ? "autocheckpoint (before)" : mode === "none" ? "no checkpoint at all (floor)" : "checkpoint in a worker (now)"}: ${turns} flushes, p50 ${at(d, 50).toFixed(3)} p99 ${at(d, 99).toFixed(3)} p99.9 ${at(d, 99.9).toFixed(2)} max ${(d[d.length - 1] ?? 0).toFixed(2)} ms; > 2 ms: ${over(2)}, > 5 ms: ${over(5)}`,
    );
  }
}
