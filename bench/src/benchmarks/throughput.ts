/**
 * @module throughput
 * Benchmark 3: 200 clients over 50 docs (4 per doc) typing. Phase 1 at human speed (each
 * client 5 keystrokes/s): updates delivered per second and what it costs the server in CPU
 * and memory. Phase 2 as fast as the server accepts: every client sends a fixed number of
 * keystrokes, throttled only by its socket's send buffer; throughput = deliveries / time
 * until every client holds every keystroke. Each server runs fresh per run (peak RSS).
 */
import * as Y from "yjs";
import type { SyncClient } from "../clients/SyncClient.ts";
import { closeClients, openClients, sleep, until } from "../harness/clients.ts";
import { ProcessSampler, readProc } from "../harness/ProcessSampler.ts";
import { seededRandom } from "@quire/testkit";
import { type Benchmark, type BenchContext, MiB, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, startServer } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus"];
const CLIENTS_PER_DOC = 4;
const KEYSTROKES_PER_SECOND = 5;
/** Stop sending while this much is queued on a socket: "as fast as the server accepts". */
const SEND_BUFFER_LIMIT = 64 * 1024;
const SEED = 20_261_125;

interface PhaseFigures {
  deliveredPerSecond: number;
  cpuPercent: number;
  maxRssMiB: number;
}

interface RunFigures {
  human: PhaseFigures;
  flood: PhaseFigures & { seconds: number };
  idleRssMiB: number;
}

/** Sum over clients of the other clients' keystrokes each has applied (1 char = 1 clock). */
function delivered(groups: SyncClient[][]): number {
  let total = 0;
  for (const group of groups) {
    for (const client of group) {
      for (const other of group) if (other !== client) total += Y.getState(client.doc.store, other.doc.clientID);
    }
  }
  return total;
}

function typeOne(client: SyncClient, random: () => number): void {
  const text = client.doc.getText("text");
  const pos = Math.floor(random() * (text.length + 1));
  text.insert(pos, String.fromCharCode(97 + Math.floor(random() * 26)));
}

async function throughputRun(kind: ServerKind, docs: number, humanSeconds: number, floodKeystrokes: number, seed: number): Promise<RunFigures> {
  const server = await startServer(kind, { persist: true });
  try {
    const names: string[] = [];
    for (let d = 0; d < docs; d++) for (let c = 0; c < CLIENTS_PER_DOC; c++) names.push(`tp-${d}`);
    const clients = await openClients(server, names);
    const groups: SyncClient[][] = [];
    for (let d = 0; d < docs; d++) groups.push(clients.slice(d * CLIENTS_PER_DOC, (d + 1) * CLIENTS_PER_DOC));
    const random = seededRandom(seed);
    const sampler = new ProcessSampler(server.pid());
    const idleRssMiB = readProc(server.pid()).rssBytes / MiB;

    // Phase 1: human speed. Keystrokes are spread evenly over each 1/rate interval.
    sampler.start();
    const before = delivered(groups);
    const t0 = performance.now();
    const tickMs = 1000 / KEYSTROKES_PER_SECOND / clients.length;
    let tick = 0;
    while (performance.now() - t0 < humanSeconds * 1000) {
      typeOne(clients[tick % clients.length] as SyncClient, random);
      tick++;
      const wait = t0 + tick * tickMs - performance.now();
      if (wait > 1) await sleep(wait);
    }
    const humanElapsed = (performance.now() - t0) / 1000;
    const humanDelivered = delivered(groups) - before;
    const humanUsage = sampler.stop();
    await until(() => groups.every((g) => g.every((c) => c.doc.getText("text").length === (g[0] as SyncClient).doc.getText("text").length) && converged(g)), 60_000, `${kind}: human phase to converge`);

    // Phase 2: as fast as the server accepts.
    const floodBefore = delivered(groups);
    const sent = new Map<SyncClient, number>(clients.map((c) => [c, 0]));
    sampler.start();
    const f0 = performance.now();
    let pending = true;
    while (pending) {
      pending = false;
      for (const client of clients) {
        let n = sent.get(client) as number;
        while (n < floodKeystrokes && client.bufferedAmount < SEND_BUFFER_LIMIT) {
          typeOne(client, random);
          n++;
        }
        sent.set(client, n);
        if (n < floodKeystrokes) pending = true;
      }
      // Let sockets drain and incoming updates apply before the next round.
      await new Promise((r) => setImmediate(r));
    }
    const expectedDeliveries = clients.length * (CLIENTS_PER_DOC - 1) * floodKeystrokes;
    await until(() => delivered(groups) - floodBefore >= expectedDeliveries, 120_000, `${kind}: flood to be delivered`, 5);
    const floodSeconds = (performance.now() - f0) / 1000;
    const floodUsage = sampler.stop();
    for (const group of groups) if (!converged(group)) throw new Error(`${kind}: clients of one doc hold different text`);
    await closeClients(clients);
    return {
      human: { deliveredPerSecond: humanDelivered / humanElapsed, cpuPercent: humanUsage.cpuPercent, maxRssMiB: humanUsage.maxRssBytes / MiB },
      flood: { deliveredPerSecond: expectedDeliveries / floodSeconds, cpuPercent: floodUsage.cpuPercent, maxRssMiB: floodUsage.maxRssBytes / MiB, seconds: floodSeconds },
      idleRssMiB,
    };
  } finally {
    await server.stop();
  }
}

/** Server CPU time (µs) per delivered keystroke in the flood phase. */
function cpuPerDelivery(r: RunFigures): number {
  return ((r.flood.cpuPercent / 100) * 1e6) / r.flood.deliveredPerSecond;
}

function converged(group: SyncClient[]): boolean {
  const first = (group[0] as SyncClient).doc.getText("text").toString();
  return group.every((c) => c.doc.getText("text").toString() === first);
}

export const throughput: Benchmark = {
  id: "throughput",
  title: "3. Throughput under load",
  async run(context: BenchContext) {
    const docs = context.quick ? 10 : 50;
    const humanSeconds = context.quick ? 2 : 4;
    const floodKeystrokes = context.quick ? 30 : 100;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const results = new Map<ServerKind, RunFigures[]>(KINDS.map((k) => [k, []]));
    for (let run = 0; run < warmups + runs; run++) {
      const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
      for (const kind of order) {
        const figures = await throughputRun(kind, docs, humanSeconds, floodKeystrokes, SEED + run);
        if (run >= warmups) results.get(kind)?.push(figures);
      }
      context.log(`throughput run ${run + 1}/${warmups + runs}`);
    }
    const pick = (kind: ServerKind, f: (r: RunFigures) => number) => summarize((results.get(kind) ?? []).map(f));
    const rows = KINDS.map((kind) => [
      SERVER_LABELS[kind],
      fmt(pick(kind, (r) => r.human.deliveredPerSecond), 0),
      fmt(pick(kind, (r) => r.human.cpuPercent), 0),
      fmt(pick(kind, (r) => r.human.maxRssMiB), 1),
      fmt(pick(kind, (r) => r.flood.deliveredPerSecond), 0),
      fmt(pick(kind, (r) => r.flood.cpuPercent), 0),
      fmt(pick(kind, (r) => r.flood.maxRssMiB), 1),
      fmt(pick(kind, cpuPerDelivery), 1),
    ]);
    const floodOf = (kind: ServerKind) => pick(kind, (r) => r.flood.deliveredPerSecond).median;
    const rssOf = (kind: ServerKind) => pick(kind, (r) => r.flood.maxRssMiB).median;
    const faster: ServerKind = floodOf("y-websocket") >= floodOf("hocuspocus") ? "y-websocket" : "hocuspocus";
    const tpRatio = ratio(floodOf("quire"), floodOf(faster));
    const memRatio = ratio(rssOf("quire"), rssOf(faster));
    const costOf = (kind: ServerKind) => pick(kind, cpuPerDelivery).median;
    const humanCpuOf = (kind: ServerKind) => pick(kind, (r) => r.human.cpuPercent).median;
    const cheaper: ServerKind = costOf("y-websocket") <= costOf("hocuspocus") ? "y-websocket" : "hocuspocus";
    const costRatio = ratio(costOf("quire"), costOf(cheaper));
    const humanCheaper: ServerKind = humanCpuOf("y-websocket") <= humanCpuOf("hocuspocus") ? "y-websocket" : "hocuspocus";
    const humanCpuRatio = ratio(humanCpuOf("quire"), humanCpuOf(humanCheaper));
    const clients = docs * CLIENTS_PER_DOC;
    return {
      status: "ok",
      method: `${clients} clients over ${docs} docs (${CLIENTS_PER_DOC} per doc), one load-generator process, each server fresh per run and persisting as deployed (Quire: SQLite; y-websocket: YPERSISTENCE=y-leveldb; Hocuspocus: SQLite via onStoreDocument). Human phase: every client types ${KEYSTROKES_PER_SECOND} keystrokes/s (one single-character insert at a seeded random position, seed ${SEED}+run) for ${humanSeconds} s; "delivered/s" counts keystrokes applied at the other ${CLIENTS_PER_DOC - 1} clients of the doc by the end of the phase. Flood phase: every client sends ${floodKeystrokes} keystrokes as fast as its socket's send buffer (< 64 KiB queued) allows; throughput = all ${clients * (CLIENTS_PER_DOC - 1) * floodKeystrokes} deliveries / time until the last is applied. Server CPU (% of one core) and max RSS are sampled from /proc every 100 ms per phase. ${runs} runs after ${warmups} warm-up, servers alternating; each phase ends with every doc's clients holding identical text.`,
      tables: [
        {
          caption: "Per server",
          columns: ["server", "human: delivered/s", "human: CPU %", "human: max RSS MiB", "flood: delivered/s", "flood: CPU %", "flood: max RSS MiB", "flood: server CPU µs per delivery"],
          rows,
        },
        {
          caption: `Quire vs the faster peer in the flood phase (${SERVER_LABELS[faster]})`,
          columns: ["comparison", "ratio", "target", "result"],
          rows: [
            ["flood updates delivered/s", fmtRatio(tpRatio), "≥ 1.50×", verdict(tpRatio, 1.5, true)],
            ["max RSS during flood", fmtRatio(memRatio), "≤ 1.00×", verdict(memRatio, 1)],
          ],
        },
        {
          caption: "Server CPU cost (capacity on a machine where the server, not the load generator, is the limit)",
          columns: ["comparison", "ratio", "target", "result"],
          rows: [
            [`flood: server CPU per delivered update vs ${SERVER_LABELS[cheaper]} (lower is better)`, fmtRatio(costRatio), "(no target; ≤ 1.00× preferred)", verdict(costRatio, 1)],
            [`human speed: server CPU at the same delivered rate vs ${SERVER_LABELS[humanCheaper]}`, fmtRatio(humanCpuRatio), "(no target; ≤ 1.00× preferred)", verdict(humanCpuRatio, 1)],
          ],
        },
      ],
      notes: [
        "The load generator is one Node process applying every delivered update for all clients; on a 2-core machine its CPU bounds the flood figure (the servers stay below one core), so delivered/s also measures how cheaply a server's messages are applied by clients and how the server shares the machine. Server CPU per delivery = flood CPU (% of one core) / delivered per second.",
      ],
      data: { docs, clients, humanSeconds, floodKeystrokes, runs, warmups, results: Object.fromEntries(results) },
    };
  },
};
