/**
 * @module fanout-latency
 * Benchmark 2: one writer replays a real trace at a fixed rate into one doc while K readers
 * watch; latency is from the writer sending an op to each reader having applied it. Same
 * client code against every server (clients/SyncClient.ts); the floor is a bare `ws`
 * broadcast server with no Yjs at all.
 */
import * as Y from "yjs";
import type { SyncClient } from "../clients/SyncClient.ts";
import { closeClients, openClients, sleep, until } from "../harness/clients.ts";
import { type Benchmark, type BenchContext, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, type ServerUnderTest, startServer } from "../harness/ServerUnderTest.ts";
import { percentileOf, ratio, summarize } from "../harness/stats.ts";
import { type Trace, expectedText, loadTrace } from "../harness/traces.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus", "ws-floor"];

interface RunResult {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export async function fanoutRun(server: ServerUnderTest, trace: Trace, opCount: number, rate: number, readers: number, docName: string): Promise<RunResult> {
  const expected = expectedText(trace, opCount);
  // Per op: the writer's clock after it and when it was sent. Delete-only ops do not advance
  // the clock, so they are delivered and checked but carry no latency sample.
  const clockAfter: number[] = [];
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let writerId = -1;
  const seen = new Map<SyncClient, number>();
  const onApplied = (reader: SyncClient) => {
    if (writerId < 0) return;
    const clock = Y.getState(reader.doc.store, writerId);
    let i = seen.get(reader) ?? 0;
    const now = performance.now();
    while (i < clockAfter.length && (clockAfter[i] as number) <= clock) {
      if (i === 0 || (clockAfter[i] as number) > (clockAfter[i - 1] as number)) latencies.push(now - (sentAt[i] as number));
      i++;
    }
    seen.set(reader, i);
  };
  const names = Array.from({ length: readers }, () => docName);
  const readerClients = await openClients(server, names, { onApplied });
  const [writer] = await openClients(server, [docName]);
  if (!writer) throw new Error("writer did not open");
  try {
    writerId = writer.doc.clientID;
    const text = writer.doc.getText("text");
    const t0 = performance.now();
    const interval = 1000 / rate;
    for (let i = 0; i < opCount; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const op = trace.ops[i];
      if (!op) break;
      sentAt.push(performance.now());
      writer.doc.transact(() => {
        if (op.del > 0) text.delete(op.pos, op.del);
        if (op.ins) text.insert(op.pos, op.ins);
      });
      clockAfter.push(Y.getState(writer.doc.store, writerId));
    }
    await until(
      () => readerClients.every((r) => r.doc.getText("text").length === expected.length),
      60_000,
      `${server.kind}: readers to receive all ${opCount} ops`,
    );
    for (const reader of readerClients) {
      if (reader.doc.getText("text").toString() !== expected) throw new Error(`${server.kind}: a reader's text differs from the trace`);
    }
  } finally {
    await closeClients([...readerClients, writer]);
  }
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN, samples: sorted.length };
}

export const fanoutLatency: Benchmark = {
  id: "fanout-latency",
  title: "2. Relay fan-out latency",
  async run(context: BenchContext) {
    const trace = loadTrace("automerge-paper");
    const readerCounts = context.quick ? [1, 10] : [1, 10, 50];
    const opCount = context.quick ? 100 : 300;
    const rate = 100;
    const runs = context.quick ? 1 : 5;
    const warmups = context.quick ? 0 : 1;
    const servers = new Map<ServerKind, ServerUnderTest>();
    const tables = [];
    const data: Record<string, unknown> = {};
    try {
      for (const kind of KINDS) servers.set(kind, await startServer(kind));
      const rows: string[][] = [];
      const verdictRows: string[][] = [];
      for (const k of readerCounts) {
        const results = new Map<ServerKind, RunResult[]>(KINDS.map((kind) => [kind, []]));
        for (let run = 0; run < warmups + runs; run++) {
          const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
          for (const kind of order) {
            const server = servers.get(kind) as ServerUnderTest;
            const result = await fanoutRun(server, trace, opCount, rate, k, `fanout-k${k}-r${run}`);
            if (run >= warmups) results.get(kind)?.push(result);
          }
          context.log(`fanout K=${k} run ${run + 1}/${warmups + runs}`);
        }
        const p99 = (kind: ServerKind) => summarize((results.get(kind) ?? []).map((r) => r.p99));
        const p50 = (kind: ServerKind) => summarize((results.get(kind) ?? []).map((r) => r.p50));
        for (const kind of KINDS) {
          rows.push([String(k), SERVER_LABELS[kind], fmt(p50(kind), 2), fmt(p99(kind), 2), String((results.get(kind) ?? [])[0]?.samples ?? 0)]);
        }
        const fasterPeer = Math.min(p99("y-websocket").median, p99("hocuspocus").median);
        const r = ratio(p99("quire").median, fasterPeer);
        verdictRows.push([
          String(k),
          fmtRatio(ratio(p99("quire").median, p99("y-websocket").median)),
          fmtRatio(ratio(p99("quire").median, p99("hocuspocus").median)),
          fmtRatio(ratio(p99("quire").median, p99("ws-floor").median)),
          "p99 ≤ faster peer (≤ 1.00×)",
          verdict(r, 1),
        ]);
        data[`k${k}`] = Object.fromEntries(results);
      }
      tables.push({ caption: "Latency from send to applied at each reader, ms", columns: ["readers K", "server", "p50 ms", "p99 ms", "samples per run"], rows });
      tables.push({
        caption: "Quire p99 as a ratio",
        columns: ["readers K", "vs y-websocket", "vs Hocuspocus", "vs bare ws floor", "target", "result"],
        rows: verdictRows,
      });
    } finally {
      for (const server of servers.values()) await server.stop();
    }
    return {
      status: "ok",
      method: `One writer replays the first ${opCount} ops of automerge-paper at ${rate} ops/s (one update per op) into one doc; K readers on the same doc apply every update. Latency = time from the writer sending an op to a reader having applied it, over every (op, reader) pair for ops that add content (delete-only ops are delivered and checked but do not advance the writer's clock, so they carry no sample). p50/p99 per run, then median (min–max) over ${runs} runs after ${warmups} warm-up, servers alternating. All clients run in the load-generator process with the same client code for every server; each server is a separate process. Each run checks every reader's text against the trace.`,
      tables,
      notes: [],
      data,
    };
  },
};
