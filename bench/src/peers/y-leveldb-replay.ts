/**
 * @module y-leveldb-replay
 * The y-leveldb side of the server-persistence benchmark, in its own process: stores a
 * trace's per-op updates with `LeveldbPersistence.storeUpdate` (as @y/websocket-server does
 * for every update), then flushes (y-leveldb's compaction: merge into one update), closes,
 * reopens and loads the doc. Prints one JSON line with the figures.
 *   DIR=/tmp/x TRACE=automerge-paper OPS=50000 node --import tsx src/peers/y-leveldb-replay.ts
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LeveldbPersistence } from "y-leveldb";
import * as Y from "yjs";
import { type TraceName, expectedText, loadTrace } from "../harness/traces.ts";

const dir = process.env.DIR ?? "";
if (!dir) throw new Error("DIR is required");
const trace = loadTrace((process.env.TRACE ?? "automerge-paper") as TraceName);
const opCount = Number(process.env.OPS ?? trace.ops.length);
const DOC = "persist";

// The updates a client would send: one per op, produced before any timing starts.
const source = new Y.Doc({ gc: false });
const text = source.getText("text");
const updates: Uint8Array[] = [];
source.on("update", (u: Uint8Array) => updates.push(u));
for (let i = 0; i < opCount; i++) {
  const op = trace.ops[i];
  if (!op) break;
  source.transact(() => {
    if (op.del > 0) text.delete(op.pos, op.del);
    if (op.ins) text.insert(op.pos, op.ins);
  });
}
const stateBytes = Y.encodeStateAsUpdate(source).byteLength;

function diskBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? diskBytes(full) : statSync(full).size;
  }
  return total;
}

let ldb = new LeveldbPersistence(dir);
await ldb.getStateVector("warm-up-open");
const emptyDisk = diskBytes(dir);
const t0 = performance.now();
// @y/websocket-server does not await storeUpdate; y-leveldb queues them in order. Awaiting
// the last one means every update is written.
let last: Promise<unknown> = Promise.resolve();
for (const update of updates) last = ldb.storeUpdate(DOC, update);
await last;
const persistMs = performance.now() - t0;
const diskAfterOps = diskBytes(dir);

const f0 = performance.now();
await ldb.flushDocument(DOC);
const flushMs = performance.now() - f0;
await ldb.destroy();
const diskAfterCompaction = diskBytes(dir);

const r0 = performance.now();
ldb = new LeveldbPersistence(dir);
const loaded = await ldb.getYDoc(DOC);
const reloadMs = performance.now() - r0;
const ok = loaded.getText("text").toString() === expectedText(trace, opCount);
await ldb.destroy();
console.log(JSON.stringify({ emptyDisk, updates: updates.length, stateBytes, persistMs, diskAfterOps, flushMs, diskAfterCompaction, reloadMs, ok }));
