/**
 * @module provenance-size
 * How much the relay's provenance costs next to the doc it describes (issue 12 wants ≤ 15 %
 * on the B4 trace). Replays automerge-paper as three users taking turns (bursts of BURST ops,
 * a pause between bursts) into the relay's real SQLite adapter, one update per op, with the
 * provenance the relay stamps (exact insert and delete ranges, relay time), then compacts and
 * compares the on-disk pages of the provenance table with the stored doc.
 *
 *   pnpm -s --filter @quire/bench exec tsx src/provenance-size.ts [msPerOp] [windowMs]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { DocumentStore, openDatabase } from "@quire/storage-sqlite";
import type { ClockRange } from "@quire/core";
import { loadTrace } from "./harness/traces.ts";

const msPerOp = Number(process.argv[2] ?? 200);
const windowMs = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const BURST = 400;
const PAUSE_MS = 120_000;
const DOC = "w0000000001/d0000000001";

const trace = loadTrace("automerge-paper");
const dir = mkdtempSync(join(tmpdir(), "quire-prov-"));
const db = openDatabase(dir);
const store = new DocumentStore(db, undefined, windowMs === undefined ? {} : { coalesceWindowMs: windowMs });
const users = ["u_Xk3mP9qL2wRt", "u_Bn7vQ2sK8dLa", "u_Cz4hW6pJ1yNe"].map((id, i) => {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = 1000 + i;
  return { id, doc };
});
const relayDoc = new Y.Doc({ gc: false });
const listener = { committed: () => {}, failed: (e: unknown) => console.error(e) };
let clock = Date.UTC(2026, 10, 30, 8);

function rangesOf(update: Uint8Array): { inserts: ClockRange[]; deletes: ClockRange[] } {
  const { structs, ds } = Y.decodeUpdate(update);
  const inserts: ClockRange[] = [];
  for (const s of structs) {
    const known = Y.getState(relayDoc.store, s.id.client);
    const end = s.id.clock + s.length;
    if (end > known) inserts.push({ client: s.id.client, clock: Math.max(s.id.clock, known), len: end - Math.max(s.id.clock, known) });
  }
  const deletes: ClockRange[] = [];
  for (const [client, items] of ds.clients) for (const item of items) deletes.push({ client, clock: item.clock, len: item.len });
  return { inserts, deletes };
}

let rows = 0;
for (const [i, op] of trace.ops.entries()) {
  const user = users[Math.floor(i / BURST) % users.length] as (typeof users)[number];
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  user.doc.once("update", capture);
  user.doc.transact(() => {
    const text = user.doc.getText("t");
    if (op.del > 0) text.delete(op.pos, op.del);
    if (op.ins.length > 0) text.insert(op.pos, op.ins);
  });
  if (update === null) continue;
  const u = update as Uint8Array;
  const { inserts, deletes } = rangesOf(u);
  Y.applyUpdate(relayDoc, u);
  for (const other of users) if (other !== user) Y.applyUpdate(other.doc, u);
  clock += msPerOp;
  if (i > 0 && i % BURST === 0) clock += PAUSE_MS;
  store.stage(DOC, u, { userId: user.id, name: `Student ${user.id.slice(2, 5)}`, at: clock, inserts, deletes }, listener);
  rows++;
  if (rows % 100 === 0) store.flush();
}
store.flush();
const rowBytes = (await store.load(DOC)).bytes;
await store.compact(DOC);
const docBytes = (await store.load(DOC)).bytes;
const records = await store.provenance(DOC);
const pages = (name: string) => Number((db.prepare("SELECT COALESCE(SUM(pgsize), 0) AS n FROM dbstat WHERE name = ?").get(name) as { n: number }).n);
// Every table and index provenance owns, in either stored form (a legacy database's tables too).
const provenancePages = ["provenance_chunks", "provenance_chunks_doc", "provenance", "provenance_docs", "provenance_senders", "sqlite_autoindex_provenance_docs_1", "sqlite_autoindex_provenance_senders_1"].reduce((n, name) => n + pages(name), 0);
const docPages = pages("updates") + pages("updates_doc_seq");
console.log(
  JSON.stringify({
    ops: trace.ops.length,
    updates: rows,
    msPerOp,
    windowMs: windowMs ?? "default",
    records: records.length,
    uncompactedRowBytes: rowBytes,
    storedDocBytes: docBytes,
    storedDocPages: docPages,
    provenancePages,
    provenancePerStoredDoc: `${((100 * provenancePages) / docBytes).toFixed(1)} %`,
    bytesPerRecord: Math.round(provenancePages / records.length),
  }),
);
db.close();
rmSync(dir, { recursive: true, force: true });
