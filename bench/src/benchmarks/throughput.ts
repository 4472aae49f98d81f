/**
 * @module throughput
 * Benchmark 3: 200 clients over 50 docs (4 per doc) typing. Phase 1 at human speed (each
 * client 5 keystrokes/s): updates delivered per second and what it costs the server in CPU
 * and memory. Phase 2 as fast as the server accepts: every client sends a fixed number of
 * keystrokes, throttled only by its socket's send buffer; throughput = deliveries / time
 * until every client holds every keystroke. Each server runs fresh per run (peak RSS).
 */
import { type EventLoopProbe, type EventLoopWindow, startIdleControl, summarizeEventLoop } from "../harness/EventLoopProbe.ts";
import { GeneratorPool, type GeneratorUsage, SATURATED_CPU_PERCENT } from "../harness/GeneratorPool.ts";
import { type FloodReply, type HumanReply, toEndpointSpec } from "../harness/generator-protocol.ts";
import { ProcessSampler, readProc } from "../harness/ProcessSampler.ts";
import { type Benchmark, type BenchContext, MiB, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, startServer } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus"];
const CLIENTS_PER_DOC = 4;
const KEYSTROKES_PER_SECOND = 5;
const SEED = 20_261_125;

interface PhaseFigures {
  deliveredPerSecond: number;
  cpuPercent: number;
  maxRssMiB: number;
  generators: GeneratorUsage;
  eventLoop: EventLoopWindow;
  /** The same window in an idle process with the same probe: the machine's scheduling floor. */
  control: EventLoopWindow;
}

interface RunFigures {
  human: PhaseFigures;
  flood: PhaseFigures & { seconds: number };
  idleRssMiB: number;
}

/** Runs `phase` on every generator at once while the server, the generators and the server's event loop are measured. */
async function measured<T>(server: Awaited<ReturnType<typeof startServer>>, pool: GeneratorPool, control: EventLoopProbe, phase: (g: number) => Promise<T>) {
  const sampler = new ProcessSampler(server.pid());
  await Promise.all([server.eventLoop?.mark(), control.mark()]);
  sampler.start();
  pool.startSampling();
  const t0 = performance.now();
  const replies = await Promise.all(Array.from({ length: pool.size }, (_, g) => phase(g)));
  const seconds = (performance.now() - t0) / 1000;
  const generators = pool.stopSampling();
  const usage = sampler.stop();
  const [eventLoop, controlWindow] = await Promise.all([server.eventLoop?.read(), control.read()]);
  if (!eventLoop) throw new Error("server started without the event-loop probe");
  return { replies, seconds, generators, usage, eventLoop, control: controlWindow };
}

async function throughputRun(kind: ServerKind, pool: GeneratorPool, control: EventLoopProbe, docs: number, humanSeconds: number, floodKeystrokes: number, seed: number): Promise<RunFigures> {
  const server = await startServer(kind, { persist: true, eventLoop: true });
  try {
    // Doc d's clients all live in generator d % size: convergence is checked where they are.
    const names = Array.from({ length: pool.size }, () => [] as string[]);
    for (let d = 0; d < docs; d++) for (let c = 0; c < CLIENTS_PER_DOC; c++) names[d % pool.size]?.push(`tp-${d}`);
    await Promise.all(names.map((docNames, g) => pool.request(g, { op: "open", endpoint: toEndpointSpec(server, docNames), docs: docNames, record: false })));
    const idleRssMiB = readProc(server.pid()).rssBytes / MiB;

    // Phase 1: human speed.
    const human = await measured(server, pool, control, (g) => pool.request<HumanReply>(g, { op: "human", seconds: humanSeconds, rate: KEYSTROKES_PER_SECOND, seed: seed * 31 + g }));
    const humanDelivered = human.replies.reduce((sum, r) => sum + r.delivered, 0);
    const humanElapsed = Math.max(...human.replies.map((r) => r.seconds));
    await Promise.all(names.map((_, g) => pool.request(g, { op: "converge", timeoutMs: 60_000 })));

    // Phase 2: as fast as the server accepts; done when the last generator holds every keystroke.
    const flood = await measured(server, pool, control, (g) => pool.request<FloodReply>(g, { op: "flood", keystrokes: floodKeystrokes, seed: seed * 37 + g, timeoutMs: 120_000 }));
    const floodDelivered = flood.replies.reduce((sum, r) => sum + r.delivered, 0);
    await Promise.all(names.map((_, g) => pool.request(g, { op: "converge", timeoutMs: 60_000 })));
    await Promise.all(names.map((_, g) => pool.request(g, { op: "close" })));
    return {
      human: {
        deliveredPerSecond: humanDelivered / humanElapsed,
        cpuPercent: human.usage.cpuPercent,
        maxRssMiB: human.usage.maxRssBytes / MiB,
        generators: human.generators,
        eventLoop: human.eventLoop,
        control: human.control,
      },
      flood: {
        deliveredPerSecond: floodDelivered / flood.seconds,
        cpuPercent: flood.usage.cpuPercent,
        maxRssMiB: flood.usage.maxRssBytes / MiB,
        seconds: flood.seconds,
        generators: flood.generators,
        eventLoop: flood.eventLoop,
        control: flood.control,
      },
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

/** Load-generator processes: 4 keeps each under a core's worth of work at 200 clients here. */
const GENERATORS = 4;

export const throughput: Benchmark = {
  id: "throughput",
  title: "3. Throughput under load",
  async run(context: BenchContext) {
    const docs = context.quick ? 10 : 50;
    const humanSeconds = context.quick ? 2 : 4;
    // 4 clients × 120 keystrokes + 4 × 20 human ones = 560 rows per doc: every doc crosses the
    // relay's compaction point (500 rows) during the flood, as a class's docs do.
    const floodKeystrokes = context.quick ? 30 : 120;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const generatorCount = context.quick ? 2 : GENERATORS;
    const results = new Map<ServerKind, RunFigures[]>(KINDS.map((k) => [k, []]));
    const pool = await GeneratorPool.start(generatorCount);
    const control = await startIdleControl();
    try {
      for (let run = 0; run < warmups + runs; run++) {
        const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
        for (const kind of order) {
          const figures = await throughputRun(kind, pool, control.probe, docs, humanSeconds, floodKeystrokes, SEED + run);
          if (run >= warmups) results.get(kind)?.push(figures);
        }
        context.log(`throughput run ${run + 1}/${warmups + runs}`);
      }
    } finally {
      await pool.close();
      await control.stop();
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
    const phases = ["human", "flood"] as const;
    const loadRows = KINDS.flatMap((kind) =>
      phases.map((phase) => {
        const list = results.get(kind) ?? [];
        const loop = summarizeEventLoop(list.map((r) => r[phase].eventLoop));
        const floor = summarizeEventLoop(list.map((r) => r[phase].control));
        const saturated = list.reduce((sum, r) => sum + r[phase].generators.saturated, 0);
        return [
          SERVER_LABELS[kind],
          phase,
          fmt(pick(kind, (r) => r[phase].cpuPercent), 0),
          fmt(pick(kind, (r) => Math.max(...r[phase].generators.cpuPercent)), 0),
          saturated === 0 ? "none" : `**${saturated} of ${list.length * generatorCount}**`,
          fmt(pick(kind, (r) => r[phase].generators.machineBusyPercent), 0),
          fmt(loop.p50, 2),
          fmt(loop.p99, 2),
          Number.isFinite(loop.maxMs) ? loop.maxMs.toFixed(1) : "n/a",
          `${loop.stalls} / ${loop.ownStalls}, longest own ${Number.isFinite(loop.ownMaxMs) ? loop.ownMaxMs.toFixed(1) : "n/a"}`,
          `${fmt(floor.p99, 2)} / ${Number.isFinite(floor.maxMs) ? floor.maxMs.toFixed(1) : "n/a"}`,
        ];
      }),
    );
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
    const floodSaturated = KINDS.reduce((sum, kind) => sum + (results.get(kind) ?? []).reduce((s, r) => s + r.flood.generators.saturated, 0), 0);
    const quireLoop = summarizeEventLoop((results.get("quire") ?? []).flatMap((r) => [r.human.eventLoop, r.flood.eventLoop]));
    const clients = docs * CLIENTS_PER_DOC;
    return {
      status: "ok",
      method: `${clients} clients over ${docs} docs (${CLIENTS_PER_DOC} per doc), spread over ${generatorCount} load-generator child processes (a doc's clients share one), each server fresh per run and persisting as deployed (Quire: SQLite; y-websocket: YPERSISTENCE=y-leveldb; Hocuspocus: SQLite via onStoreDocument). Human phase: every client types ${KEYSTROKES_PER_SECOND} keystrokes/s (one single-character insert at a seeded random position, seed ${SEED}+run) for ${humanSeconds} s; "delivered/s" counts keystrokes applied at the other ${CLIENTS_PER_DOC - 1} clients of the doc by the end of the phase. Flood phase: every client sends ${floodKeystrokes} keystrokes as fast as its socket's send buffer (< 64 KiB queued) allows; throughput = all ${clients * (CLIENTS_PER_DOC - 1) * floodKeystrokes} deliveries / time until the last is applied (each doc then holds ${CLIENTS_PER_DOC * (floodKeystrokes + humanSeconds * KEYSTROKES_PER_SECOND)} updates, past the relay's compaction point of 500 rows). Server and generator CPU (% of one core) and the server's max RSS are sampled from /proc every 100 ms per phase; a generator at ≥ ${SATURATED_CPU_PERCENT} % of a core is flagged as saturated; "machine busy" is the share of all cores in use (/proc/stat). The server's event-loop delay is measured inside it by a preload (monitorEventLoopDelay every 2 ms, figures = lateness beyond the 2 ms period; src/harness/event-loop-preload.cjs), the same for every server (a stall > 10 ms counts as the server's own when it burnt ≥ 10 ms of CPU in it; 'longest own' is the most CPU burnt within one stall), and in an idle Node process beside them (its delay is the machine's own scheduling: the floor). ${runs} runs after ${warmups} warm-up, servers alternating; each phase ends with every doc's clients holding identical text.`,
      tables: [
        {
          caption: "Per server",
          columns: ["server", "human: delivered/s", "human: CPU %", "human: max RSS MiB", "flood: delivered/s", "flood: CPU %", "flood: max RSS MiB", "flood: server CPU µs per delivery"],
          rows,
        },
        {
          caption: "Server CPU, load generators and the server's event-loop delay per phase",
          columns: ["server", "phase", "server CPU %", "busiest generator CPU %", "generators saturated", "machine busy %", "event-loop delay p50 ms", "p99 ms", "max ms", "stalls > 10 ms / own (server burnt ≥ 10 ms CPU in it)", "idle process on the same box: p99 / max ms"],
          rows: loadRows,
        },
        {
          caption: `Quire vs the faster peer in the flood phase (${SERVER_LABELS[faster]})`,
          columns: ["comparison", "ratio", "target", "result"],
          rows: [
            [`flood updates delivered/s (generators saturated in ${floodSaturated} phase-runs of all servers)`, fmtRatio(tpRatio), "≥ 1.50×, no generator saturated", floodSaturated > 0 ? "**not valid: a generator saturated**" : verdict(tpRatio, 1.5, true)],
            ["max RSS during flood", fmtRatio(memRatio), "≤ 1.00×", verdict(memRatio, 1)],
          ],
        },
        {
          caption: "Server CPU cost and event loop",
          columns: ["comparison", "value", "target", "result"],
          rows: [
            [`flood: server CPU per delivered update vs ${SERVER_LABELS[cheaper]} (lower is better)`, fmtRatio(costRatio), "≤ 0.80× the cheapest peer", verdict(costRatio, 0.8)],
            [`human speed: server CPU at the same delivered rate vs ${SERVER_LABELS[humanCheaper]}`, fmtRatio(humanCpuRatio), "(no target; ≤ 1.00× preferred)", verdict(humanCpuRatio, 1)],
            ["Quire event-loop delay p99, worst phase-run (ms)", fmtMs(quireLoop.p99.max), "≤ 5 ms", verdict(quireLoop.p99.max, 5)],
            ["Quire longest own stall (CPU burnt within one stall), ms", fmtMs(quireLoop.ownMaxMs), "≤ 5 ms", verdict(quireLoop.ownMaxMs, 5)],
          ],
        },
      ],
      notes: [
        "Server CPU per delivery = flood CPU (% of one core) / delivered per second. On 2 cores the server and the generators share the machine; 'machine busy' near 100 % means the box, not one process, bounds the flood figure.",
      ],
      data: { docs, clients, humanSeconds, floodKeystrokes, runs, warmups, generators: generatorCount, results: Object.fromEntries(results) },
    };
  },
};

function fmtMs(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "n/a";
}
