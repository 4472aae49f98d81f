/**
 * Micro-check: how long the history library takes on the B4 trace (automerge-paper, 259,778
 * edits). The trace is replayed into a Quire doc (root-v2 → paragraph → XmlText), one
 * transaction per edit, round-robin in bursts of 20 edits over three client ids bound to three
 * users; each burst is one provenance record (what the relay keeps for a typing run), one
 * second apart per edit. Not a benchmark with a goal check (that runs through the relay in
 * bench/): a quick, repeatable number for the README.
 *   pnpm -s exec tsx bench/src/history-b4-micro.ts
 */
import type { ProvenanceRecord } from "@quire/core";
import { createQuireDoc } from "@quire/core";
import * as Y from "yjs";
import { loadTrace } from "./harness/traces.ts";
import { DocHistory, attribution, contributions, diffVersions, restorePlan, snapshotAt, versionText, versionUpdate } from "@quire/history";

const BURST = 20;
const full = loadTrace("automerge-paper");
const limit = Number(process.env.B4_OPS ?? full.ops.length);
const trace = { ...full, ops: full.ops.slice(0, limit), endContent: limit < full.ops.length ? null : full.endContent };
const doc = createQuireDoc();
const users = [0, 1, 2].map((u) => ({ userId: `u${u}`, name: `User ${u}` }));
const bindings = new Map(users.map((u, i) => [1000 + i, u] as const));
const paragraph = new Y.XmlElement("paragraph");
const text = new Y.XmlText();
doc.get("root-v2", Y.XmlElement).insert(0, [paragraph]);
paragraph.insert(0, [text]);
const records: ProvenanceRecord[] = [];
let pendingDeletes: { client: number; clock: number; len: number }[] = [];
doc.on("afterTransaction", (tr: Y.Transaction) => {
  for (const [client, items] of tr.deleteSet.clients) for (const d of items) pendingDeletes.push({ client, clock: d.clock, len: d.len });
});
const t0 = Date.UTC(2026, 10, 1);
let sv = Y.decodeStateVector(Y.encodeStateVector(doc));
const tReplay = performance.now();
for (let i = 0; i < trace.ops.length; i += BURST) {
  const u = (i / BURST) % 3;
  doc.clientID = 1000 + u;
  for (let j = i; j < Math.min(i + BURST, trace.ops.length); j++) {
    const op = trace.ops[j] as { pos: number; del: number; ins: string };
    doc.transact(() => {
      if (op.del > 0) text.delete(op.pos, op.del);
      if (op.ins) text.insert(op.pos, op.ins);
    });
  }
  const after = Y.decodeStateVector(Y.encodeStateVector(doc));
  const inserts = [];
  for (const [client, end] of after) {
    const start = sv.get(client) ?? 0;
    if (end > start) inserts.push({ client, clock: start, len: end - start });
  }
  sv = after;
  const user = users[u] as { userId: string; name: string };
  records.push({ seq: records.length + 1, ...user, firstAt: t0 + i * 1000, lastAt: t0 + (i + BURST - 1) * 1000, inserts, deletes: pendingDeletes, updates: BURST, bytes: 0 });
  pendingDeletes = [];
}
const replayMs = performance.now() - tReplay;

const time = <T>(label: string, f: () => T, reps = 5): T => {
  let out: T = f();
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    out = f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[Math.floor(ms.length / 2)]?.toFixed(1)} ms (min ${ms[0]?.toFixed(1)}, max ${ms[ms.length - 1]?.toFixed(1)})`);
  return out;
};

console.log(`B4 trace: ${trace.ops.length} edits → ${records.length} records, final text ${text.length} chars (replay ${replayMs.toFixed(0)} ms)`);
// The run table is built on first use: `.runs` forces it, as a text, diff or figure would.
const h = time("index the doc (new DocHistory + its run table)", () => {
  const fresh = new DocHistory(doc, records, bindings);
  void fresh.runs;
  return fresh;
}, 3);
console.log(`runs in the index: ${h.runs.length}`);
const mid = Math.floor(records.length / 2);
const midText = time("version text at the middle record", () => versionText(h, mid));
time("version update at the middle record", () => versionUpdate(h, mid), 3);
time("diff middle record → current", () => diffVersions(h, mid, "current"));
time("attribution of the current text", () => attribution(h));
time("contributions (3 users)", () => contributions(h));
let s = 1;
time("replay step (next version's text)", () => versionText(h, s++), 20);
time("restore plan to the middle record", () => restorePlan(h, mid, { clientId: 4242 }), 1);
if ((trace.endContent !== null && versionText(h, "current") !== trace.endContent) || midText.length === 0) throw new Error("replay check failed");
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
// B4_SPLIT=1: where a version update's time goes.
if (process.env.B4_SPLIT) {
  const snap = time("  snapshot from the records", () => snapshotAt(h, mid));
  const vd = time("  Y.createDocFromSnapshot", () => Y.createDocFromSnapshot(doc, snap, new Y.Doc()));
  const bytes = time("  encode the version doc", () => Y.encodeStateAsUpdate(vd));
  console.log(`version update ${bytes.length} bytes; whole doc ${Y.encodeStateAsUpdate(doc).length} bytes`);
}
