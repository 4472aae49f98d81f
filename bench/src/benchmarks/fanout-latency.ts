/**
 * @module fanout-latency
 * Benchmark 2: one writer replays a real trace at a fixed rate into one doc while K readers
 * watch; latency is from the writer sending an op to each reader having applied it. Same
 * client code against every server (clients/SyncClient.ts); the floor is a bare `ws`
 * broadcast server with no Yjs at all.
 */
import { cpus, loadavg } from "node:os";
import { startIdleControl, summarizeEventLoop } from "../harness/EventLoopProbe.ts";
import { GeneratorPool } from "../harness/GeneratorPool.ts";
import { type Benchmark, type BenchContext, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, type ServerUnderTest, startServer } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";
import { BACKGROUND_PREFILL, BACKGROUND_SPEEDUP, COMPACTION_POINT, type FanoutRunResult, READERS_PER_GENERATOR, fanoutRun, generatorsFor } from "./fanout-run.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus", "ws-floor"];

export const fanoutLatency: Benchmark = {
  id: "fanout-latency",
  title: "2. Relay fan-out latency",
  async run(context: BenchContext) {
    const readerCounts = context.quick ? [1, 10] : [1, 10, 50];
    const opCount = context.quick ? 100 : 300;
    const rate = 100;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    // Other jobs on a shared box stretch every tail: the report says how busy it was.
    const loadAtStart = loadavg()[0] ?? Number.NaN;
    const servers = new Map<ServerKind, ServerUnderTest>();
    const tables = [];
    const data: Record<string, unknown> = {};
    const pool = await GeneratorPool.start(generatorsFor(Math.max(...readerCounts)));
    const control = await startIdleControl();
    const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "n/a");
    try {
      // Every peer persists as deployed, so each has its own background work to show.
      for (const kind of KINDS) servers.set(kind, await startServer(kind, { persist: true, eventLoop: true }));
      const rows: string[][] = [];
      const verdictRows: string[][] = [];
      const loopRows: string[][] = [];
      for (const k of readerCounts) {
        const results = new Map<ServerKind, FanoutRunResult[]>(KINDS.map((kind) => [kind, []]));
        for (let run = 0; run < warmups + runs; run++) {
          const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
          for (const kind of order) {
            const server = servers.get(kind) as ServerUnderTest;
            const result = await fanoutRun(server, pool, control.probe, "automerge-paper", opCount, rate, k, `fanout-k${k}-r${run}`);
            if (run >= warmups) results.get(kind)?.push(result);
          }
          context.log(`fanout K=${k} run ${run + 1}/${warmups + runs}`);
        }
        const of = (kind: ServerKind) => results.get(kind) ?? [];
        const p99 = (kind: ServerKind) => summarize(of(kind).map((r) => r.p99));
        const p50 = (kind: ServerKind) => summarize(of(kind).map((r) => r.p50));
        for (const kind of KINDS) {
          rows.push([String(k), SERVER_LABELS[kind], fmt(p50(kind), 2), fmt(p99(kind), 2), String(of(kind)[0]?.samples ?? 0)]);
          const loop = summarizeEventLoop(of(kind).map((r) => r.eventLoop));
          const floor = summarizeEventLoop(of(kind).map((r) => r.control));
          loopRows.push([
            String(k),
            SERVER_LABELS[kind],
            fmt(loop.p50, 2),
            fmt(loop.p99, 2),
            ms(loop.maxMs),
            `${loop.stalls} / ${loop.ownStalls}, longest own ${ms(loop.ownMaxMs)}`,
            fmt(summarize(of(kind).map((r) => r.afterCompactionMaxMs)), 1),
            `${fmt(floor.p99, 2)} / ${ms(floor.maxMs)}`,
          ]);
        }
        const faster: ServerKind = p99("y-websocket").median <= p99("hocuspocus").median ? "y-websocket" : "hocuspocus";
        const fasterP50 = Math.min(p50("y-websocket").median, p50("hocuspocus").median);
        const quireLoop = summarizeEventLoop(of("quire").map((r) => r.eventLoop));
        const quireLoopP99 = quireLoop.p99.max;
        const p50Gap = p50("quire").median - fasterP50;
        verdictRows.push([
          String(k),
          fmtRatio(ratio(p99("quire").median, p99("y-websocket").median)),
          fmtRatio(ratio(p99("quire").median, p99("hocuspocus").median)),
          fmtRatio(ratio(p99("quire").median, p99("ws-floor").median)),
          verdict(ratio(p99("quire").median, p99(faster).median), 1),
          `${Number.isFinite(p50Gap) ? (p50Gap >= 0 ? "+" : "") + p50Gap.toFixed(2) : "n/a"} ms ${verdict(p50Gap, 0.5)}`,
          `${ms(quireLoopP99)} ms ${verdict(quireLoopP99, 5)} (median run ${ms(quireLoop.p99.median)})`,
          `${ms(quireLoop.ownMaxMs)} ms ${verdict(quireLoop.ownMaxMs, 5)}`,
        ]);
        data[`k${k}`] = Object.fromEntries(results);
      }
      tables.push({ caption: "Latency from send to applied at each reader, ms", columns: ["readers K", "server", "p50 ms", "p99 ms", "samples per run"], rows });
      tables.push({
        caption: "Quire against the targets (issue 17)",
        columns: ["readers K", "p99 vs y-websocket", "p99 vs Hocuspocus", "p99 vs bare ws floor", "p99 ≤ faster peer", "p50 − faster peer's p50 (≤ +0.5 ms)", "event-loop p99, worst run (≤ 5 ms)", "longest own stall, CPU ms (≤ 5 ms)"],
        rows: verdictRows,
      });
      tables.push({
        caption: `Event-loop delay inside each server during the runs (another doc of the same server crosses ${COMPACTION_POINT} rows, several times in every run), ms`,
        columns: ["readers K", "server", "p50 ms", "p99 ms", "max ms", "stalls > 10 ms / own (server burnt ≥ 10 ms CPU in it), all runs", "largest own stall within 1 s after the other doc crossed a multiple of 500 rows (0: none > 10 ms)", "idle process on the same box: p99 / max ms"],
        rows: loopRows,
      });
    } finally {
      for (const server of servers.values()) await server.stop();
      await pool.close();
      await control.stop();
    }
    return {
      status: "ok",
      method: `One writer replays the first ${opCount} ops of automerge-paper at ${rate} ops/s (one update per op) into one doc; K readers on the same doc apply every update. Meanwhile a second writer on another doc of the same server, prefilled with ${BACKGROUND_PREFILL} single-op updates just before the run, replays ${opCount * BACKGROUND_SPEEDUP} more ops at ${rate * BACKGROUND_SPEEDUP} ops/s, so that doc crosses the relay's compaction point (${COMPACTION_POINT} rows) ~0.1 s into every run and again every ${COMPACTION_POINT} rows after (${Math.floor((BACKGROUND_PREFILL + opCount * BACKGROUND_SPEEDUP) / COMPACTION_POINT)} crossings per run) (y-leveldb, behind @y/websocket-server, also trims at 500 updates; every server persists as deployed). Latency = time from the writer sending an op to a reader having applied it, over every (op, reader) pair for ops that add content (delete-only ops are delivered and checked but do not advance the writer's clock, so they carry no sample); send and apply times are CLOCK_MONOTONIC (process.hrtime), shared by every process. Clients run in load-generator child processes: the two writers in one, the readers ${READERS_PER_GENERATOR} per process. The server's event-loop delay is measured inside it by a preload (monitorEventLoopDelay every 2 ms; figures = lateness beyond the 2 ms period; src/harness/event-loop-preload.cjs), the same for every server; a stall (> 10 ms late) is the server's **own** when the server burnt ≥ 10 ms of CPU during it (process.cpuUsage: on this loaded box an own block is stretched by descheduling, so its CPU, not its wall time, is its length; stalls without it are the machine's scheduling), and in an idle Node process beside them (the machine's own scheduling floor). p50/p99 per run, then median (min–max) over ${runs} runs after ${warmups} warm-up, servers alternating. Each run checks every reader's text against the trace.`,
      tables,
      notes: [`Load average (1 min) ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? Number.NaN).toFixed(1)} at the end, on ${cpus().length} cores: above the core count, other jobs on the machine were competing with the servers and the tails measure scheduling too (compare with the idle process).`],
      data,
    };
  },
};
