/**
 * @module server-persistence
 * Benchmark 6: sustained replay of a real trace into server-side storage. Quire: a client
 * replays the trace into the real relay as fast as the relay acknowledges durable writes
 * (SQLite, write before broadcast); then leaves, the relay compacts on unload, restarts and
 * a new client loads the doc. y-leveldb (what @y/websocket-server persists with): the same
 * per-op updates stored through its API in a separate process, flushed, reopened, loaded.
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { SyncClient } from "../clients/SyncClient.ts";
import { until, withTimeout } from "../harness/clients.ts";
import { type Benchmark, type BenchContext, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { startServer, tempDir } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";
import { type Trace, expectedText, loadTrace } from "../harness/traces.ts";

const benchRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Ops the writer may have in flight beyond the last durable ack (flow control). */
const UNACKED_WINDOW = 2_000;

interface Figures {
  /** Disk used by the empty store (schema, LevelDB manifest...), subtracted in "doc on disk". */
  emptyDisk: number;
  updates: number;
  stateBytes: number;
  persistMs: number;
  diskAfterOps: number;
  diskAfterCompaction: number;
  reloadMs: number;
}

function diskBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += diskBytes(full);
    // Key files (operator token, token signing keys) are not storage of documents.
    else if (!entry.name.endsWith(".key") && entry.name !== "token-keys.json") total += statSync(full).size;
  }
  return total;
}

async function quireRun(trace: Trace, opCount: number): Promise<Figures> {
  const server = await startServer("quire");
  try {
    // Measured like the figure after compaction: after a clean stop, which checkpoints the
    // WAL into the database file, so both figures count the same kind of bytes.
    await server.restart();
    const emptyDisk = diskBytes(server.dataDir as string);
    const expected = expectedText(trace, opCount);
    const writer = new SyncClient(server, "persist", { acks: true });
    await withTimeout(writer.synced, 30_000, "writer to sync");
    const doc = writer.doc;
    const text = doc.getText("text");
    const me = doc.clientID;
    let updates = 0;
    doc.on("update", () => updates++);
    const t0 = performance.now();
    for (let i = 0; i < opCount; i++) {
      const op = trace.ops[i];
      if (!op) break;
      if (Y.getState(doc.store, me) - (writer.ackedStateVector.get(me) ?? 0) > UNACKED_WINDOW || writer.bufferedAmount > 256 * 1024) {
        await until(() => Y.getState(doc.store, me) - (writer.ackedStateVector.get(me) ?? 0) <= UNACKED_WINDOW / 2, 60_000, "relay acks", 1);
      }
      doc.transact(() => {
        if (op.del > 0) text.delete(op.pos, op.del);
        if (op.ins) text.insert(op.pos, op.ins);
      });
    }
    // Delete-only ops do not move the clock; the final ack must cover the whole state vector
    // and the reload below checks the deletes arrived too.
    await until(() => (writer.ackedStateVector.get(me) ?? 0) >= Y.getState(doc.store, me), 120_000, "final ack", 1);
    const persistMs = performance.now() - t0;
    const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
    const diskAfterOps = diskBytes(server.dataDir as string);
    await writer.close();
    await until(async () => (await server.docsLoaded()) === 0, 60_000, "relay to unload (and compact) the doc", 100);
    await server.restart();
    const diskAfterCompaction = diskBytes(server.dataDir as string);
    const r0 = performance.now();
    const reader = new SyncClient(server, "persist");
    await withTimeout(reader.synced, 60_000, "reader to sync");
    const readText = reader.doc.getText("text");
    await until(() => readText.length >= expected.length, 60_000, "reloaded text", 1);
    const reloadMs = performance.now() - r0;
    const ok = readText.toString() === expected;
    await reader.close();
    if (!ok) throw new Error("Quire: reloaded doc differs from the trace");
    return { emptyDisk, updates, stateBytes, persistMs, diskAfterOps, diskAfterCompaction, reloadMs };
  } finally {
    await server.stop();
  }
}

function leveldbRun(trace: Trace, opCount: number): Promise<Figures> {
  const dir = tempDir("bench-leveldb-");
  return new Promise<Figures>((resolveRun, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(benchRoot, "src/peers/y-leveldb-replay.ts")], {
      cwd: benchRoot,
      env: { ...process.env, DIR: dir.path, TRACE: trace.name, OPS: String(opCount) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      dir.remove();
      const line = out.trim().split("\n").pop() ?? "";
      try {
        const parsed = JSON.parse(line) as Figures & { ok: boolean };
        if (code !== 0 || !parsed.ok) throw new Error("bad run");
        resolveRun(parsed);
      } catch {
        reject(new Error(`y-leveldb replay failed (exit ${code}):\n${out.slice(-2000)}`));
      }
    });
  });
}

export const serverPersistence: Benchmark = {
  id: "server-persistence",
  title: "6. Server persistence",
  async run(context: BenchContext) {
    const trace = loadTrace("automerge-paper");
    // Quire persists ~1k updates/s here (see Findings); 15k ops keep the run near 2 min.
    const opCount = context.quick ? 3_000 : 15_000;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const quire: Figures[] = [];
    const leveldb: Figures[] = [];
    for (let run = 0; run < warmups + runs; run++) {
      const pair = run % 2 === 0 ? [quireRun, leveldbRun] : [leveldbRun, quireRun];
      for (const fn of pair) {
        // The warm-up replays a fifth of the ops: it only has to warm up both code paths.
        const figures = await fn(trace, run < warmups ? Math.floor(opCount / 5) : opCount);
        if (run >= warmups) (fn === quireRun ? quire : leveldb).push(figures);
      }
      context.log(`server-persistence run ${run + 1}/${warmups + runs}`);
    }
    const KiB = 1 / 1024;
    const s = (list: Figures[], f: (x: Figures) => number) => summarize(list.map(f));
    const row = (label: string, list: Figures[]) => [
      label,
      fmt(s(list, (x) => x.updates / (x.persistMs / 1000)), 0),
      fmt(s(list, (x) => x.diskAfterOps), 0, KiB),
      fmt(s(list, (x) => x.diskAfterCompaction), 0, KiB),
      fmt(s(list, (x) => x.stateBytes), 0, KiB),
      fmt(s(list, (x) => x.emptyDisk), 0, KiB),
      fmtRatio(s(list, (x) => (x.diskAfterCompaction - x.emptyDisk) / x.stateBytes).median),
      fmt(s(list, (x) => x.reloadMs), 0),
    ];
    const diskRatio = s(quire, (x) => (x.diskAfterCompaction - x.emptyDisk) / x.stateBytes).median;
    const rate = (list: Figures[]) => s(list, (x) => x.updates / (x.persistMs / 1000)).median;
    return {
      status: "ok",
      method: `The first ${opCount.toLocaleString("en")} ops of automerge-paper, one update per op. Quire: one client replays them into the relay, keeping at most ${UNACKED_WINDOW} ops beyond the relay's last durable-write ack; "persisted/s" = updates / time until the final ack. Then the client leaves, the relay compacts and unloads the doc, is restarted (SIGTERM), and a new client is timed until it holds the whole text ("reload"). y-leveldb 0.2.0 (the store behind @y/websocket-server's YPERSISTENCE): the same updates stored with storeUpdate in a separate process, then flushDocument (its compaction), close, reopen, getYDoc ("reload"). Disk = every file in the data dir except the relay's key files; "empty store" is that figure before the first write (schema pages, LevelDB manifest; for Quire after a clean restart, like the figure after compaction), subtracted before comparing with the encoded state. ${runs} runs after ${warmups} warm-up, alternating.`,
      tables: [
        {
          caption: "Per store",
          columns: ["store", "persisted updates/s", `disk after ${opCount} ops KiB`, "disk after compaction KiB", "encoded state KiB", "empty store KiB", "(disk − empty) / state", "reload ms"],
          rows: [row("Quire relay (SQLite), end to end over a websocket", quire), row("y-leveldb, library calls in-process", leveldb)],
        },
        {
          caption: "Quire against its targets",
          columns: ["comparison", "value", "target", "result"],
          rows: [
            ["(disk after compaction − empty store) / encoded state", fmtRatio(diskRatio), "≤ 1.20×", verdict(diskRatio, 1.2)],
            ["persisted updates/s vs y-leveldb", fmtRatio(ratio(rate(quire), rate(leveldb))), "(no target; ≥ 1.00× preferred)", verdict(ratio(rate(quire), rate(leveldb)), 1, true)],
          ],
        },
      ],
      notes: [
        "The comparison favours y-leveldb: its figures are library calls in one process, Quire's include a websocket round trip, decoding, applying to the relay's doc and the ack.",
      ],
      data: { opCount, runs, warmups, quire, leveldb },
    };
  },
};
