/**
 * @module cold-join
 * Benchmark 5: a new client joins a large doc that the server must first load from its
 * persisted state (server restarted before every join). Quire persists to SQLite; the peers
 * use their usual persistence (y-websocket: YPERSISTENCE = y-leveldb; Hocuspocus: SQLite
 * through onStoreDocument, as @hocuspocus/extension-sqlite does).
 */
import * as Y from "yjs";
import { SyncClient } from "../clients/SyncClient.ts";
import { type BigDoc, bigDoc } from "../harness/big-docs.ts";
import { sleep, until, withTimeout } from "../harness/clients.ts";
import { type Benchmark, type BenchContext, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, type ServerUnderTest, startServer } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";
import { loadTrace } from "../harness/traces.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus"];
const DOC = "cold-join";
/** Peers give no durability signal; this is how long we let them write before restarting. */
const PEER_PERSIST_WAIT_MS = 3_000;

/** Writes `big` into the server's doc and waits until it is durable (or, for peers, likely so). */
async function populate(server: ServerUnderTest, big: BigDoc, peerPersistWaitMs: number): Promise<void> {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, big.update);
  const writer = new SyncClient(server, DOC, { doc, acks: server.kind === "quire" });
  await withTimeout(writer.synced, 120_000, `${server.kind}: writer to sync`);
  if (server.kind === "quire") {
    const target = Y.decodeStateVector(Y.encodeStateVector(doc));
    await until(
      () => [...target].every(([client, clock]) => (writer.ackedStateVector.get(client) ?? 0) >= clock),
      120_000,
      "Quire to acknowledge the big doc as durable",
    );
  } else {
    await sleep(peerPersistWaitMs);
  }
  await writer.close();
  doc.destroy();
  // Hocuspocus stores on last disconnect; give it the same grace before the restart.
  if (server.kind !== "quire") await sleep(peerPersistWaitMs);
}

/** Restarts the server (cold) and times one new client from socket open to synced. */
async function joinOnce(server: ServerUnderTest, big: BigDoc): Promise<number> {
  await server.restart();
  const t0 = performance.now();
  const client = new SyncClient(server, DOC);
  await withTimeout(client.synced, 120_000, `${server.kind}: cold join to sync`);
  // @y/websocket-server answers sync step 1 before its persistence has loaded the doc (an
  // empty step 2) and sends the content later as an update; the user waits for the content.
  const text0 = client.doc.getText("text");
  await until(() => text0.length >= big.expected.length, 120_000, `${server.kind}: joined doc to hold the whole text`, 1);
  const ms = performance.now() - t0;
  const text = client.doc.getText("text").toString();
  await client.close();
  client.doc.destroy();
  if (text !== big.expected) throw new Error(`${server.kind}: joined doc (${text.length} chars) differs from the persisted one (${big.expected.length})`);
  return ms;
}

export const coldJoin: Benchmark = {
  id: "cold-join",
  title: "5. Cold join of a large doc",
  async run(context: BenchContext) {
    const trace = loadTrace("automerge-paper");
    const opCount = context.quick ? 5_000 : trace.ops.length;
    const sizes = context.quick ? [1] : [1, 10];
    // Quick runs only prove the harness (a 1 s grace is enough for a 14 KiB doc here).
    const peerPersistWaitMs = context.quick ? 1_000 : PEER_PERSIST_WAIT_MS;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const rows: string[][] = [];
    const ratioRows: string[][] = [];
    const data: Record<string, unknown> = {};
    for (const repetitions of sizes) {
      const big = bigDoc(trace, opCount, repetitions);
      context.log(`cold-join ${big.label}: ${(big.update.byteLength / 1024).toFixed(0)} KiB`);
      const servers = new Map<ServerKind, ServerUnderTest>();
      const times = new Map<ServerKind, number[]>(KINDS.map((k) => [k, []]));
      try {
        for (const kind of KINDS) {
          const server = await startServer(kind, { persist: true });
          servers.set(kind, server);
          await populate(server, big, peerPersistWaitMs);
        }
        for (let run = 0; run < warmups + runs; run++) {
          const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
          for (const kind of order) {
            const ms = await joinOnce(servers.get(kind) as ServerUnderTest, big);
            if (run >= warmups) times.get(kind)?.push(ms);
          }
        }
      } finally {
        for (const server of servers.values()) await server.stop();
      }
      const s = (kind: ServerKind) => summarize(times.get(kind) ?? []);
      for (const kind of KINDS) rows.push([big.label, `${(big.update.byteLength / 1024).toFixed(0)}`, SERVER_LABELS[kind], fmt(s(kind), 0)]);
      const faster = Math.min(s("y-websocket").median, s("hocuspocus").median);
      const r = ratio(s("quire").median, faster);
      ratioRows.push([
        big.label,
        fmtRatio(ratio(s("quire").median, s("y-websocket").median)),
        fmtRatio(ratio(s("quire").median, s("hocuspocus").median)),
        "≤ faster peer (no target in the issue)",
        verdict(r, 1),
      ]);
      data[big.label] = Object.fromEntries(times);
    }
    return {
      status: "ok",
      method: `The doc is built by replaying ${opCount === trace.ops.length ? "all of" : `the first ${opCount} ops of`} automerge-paper into a history-keeping doc (×N: the trace replayed N times, appended) and sent by one client; Quire's durable-write ack confirms it is stored, the peers get ${peerPersistWaitMs / 1000} s before and after the writer leaves. Then, per run, the server is restarted (SIGTERM, same data dir) and a new client is timed from opening its socket until its doc holds the whole text (sync step 2 applied and, for @y/websocket-server, which answers before its persistence has loaded, the late update too); the text must equal the trace's. ${runs} runs after ${warmups} warm-up, servers alternating.`,
      tables: [
        { caption: "Time to synced for a new client after a server restart, ms", columns: ["doc", "state KiB", "server", "time to synced ms"], rows },
        { caption: "Quire as a ratio", columns: ["doc", "vs y-websocket", "vs Hocuspocus", "target", "result"], rows: ratioRows },
      ],
      notes: [
        "The peers run with gc on (their default), so their stored state drops deleted content that Quire keeps for history; they load and send fewer bytes.",
      ],
      data,
    };
  },
};
