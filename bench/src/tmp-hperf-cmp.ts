import { createQuireDoc } from "@quire/core";
import * as Y from "yjs";
import { loadTrace } from "./harness/traces.ts";
import { DocHistory, snapshotAt } from "@quire/history";
import { encodeVersion } from "../../packages/history/src/version-encoder.ts";
const trace = loadTrace("automerge-paper");
const doc = createQuireDoc();
const p = new Y.XmlElement("paragraph"); const t = new Y.XmlText();
doc.get("root-v2", Y.XmlElement).insert(0, [p]); p.insert(0, [t]);
const records: any[] = []; let pend: any[] = []; let sv = new Map<number, number>();
doc.on("afterTransaction", (tr: Y.Transaction) => { for (const [c, it] of tr.deleteSet.clients) for (const d of it) pend.push({ client: c, clock: d.clock, len: d.len }); });
for (let i = 0; i < trace.ops.length; i += 20) {
  doc.clientID = 1000 + (i / 20) % 3;
  for (let j = i; j < Math.min(i + 20, trace.ops.length); j++) { const op = trace.ops[j]!; doc.transact(() => { if (op.del) t.delete(op.pos, op.del); if (op.ins) t.insert(op.pos, op.ins); }); }
  const after = Y.decodeStateVector(Y.encodeStateVector(doc)); const ins = [];
  for (const [c, e] of after) { const s = sv.get(c) ?? 0; if (e > s) ins.push({ client: c, clock: s, len: e - s }); }
  sv = after; records.push({ seq: records.length + 1, userId: "u", name: "U", firstAt: i, lastAt: i, inserts: ins, deletes: pend, updates: 20, bytes: 0 }); pend = [];
}
const h = new DocHistory(doc, records, new Map());
for (let w = 0; w < 3; w++) encodeVersion(doc, snapshotAt(h, 100 * w + 5));
for (const frac of [0.25, 0.5, 0.9, 0.25]) {
  const snap = snapshotAt(h, Math.floor(records.length * frac));
  const a: number[] = [], b: number[] = []; let sa = 0, sb = 0;
  for (let r = 0; r < 9; r++) {
    let t0 = performance.now(); const vd = Y.createDocFromSnapshot(doc, snap, new Y.Doc()); const u1 = Y.encodeStateAsUpdate(vd); a.push(performance.now() - t0); sa = u1.length;
    t0 = performance.now(); const u2 = encodeVersion(doc, snap); b.push(performance.now() - t0); sb = u2.length;
  }
  a.sort((x, y) => x - y); b.sort((x, y) => x - y);
  console.log(`at ${frac}: createDocFromSnapshot+encode median ${a[4]!.toFixed(1)} (min ${a[0]!.toFixed(1)}) ms (${sa} B), encodeVersion median ${b[4]!.toFixed(1)} (min ${b[0]!.toFixed(1)}) ms (${sb} B)`);
}
