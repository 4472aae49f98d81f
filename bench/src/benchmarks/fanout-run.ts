/**
 * @module fanout-run
 * One run of the fan-out benchmark over the generator processes: generator 0 holds the
 * writer and a background writer on another doc of the same server; generators 1… hold the
 * readers (≤ READERS_PER_GENERATOR each). The background doc is prefilled to just below the
 * compaction point and written BACKGROUND_SPEEDUP times faster than the measured writer, so
 * that it crosses the compaction point several times while the writer is measured (a 300-op
 * run: 1,500 background rows, crossings at rows 500, 1,000 and 1,500): the readers' latency
 * and the server's event-loop delay then include another document compacting (issue 17).
 */
import { type EventLoopProbe, type EventLoopWindow, isOwnStall } from "../harness/EventLoopProbe.ts";
import type { GeneratorPool } from "../harness/GeneratorPool.ts";
import { type CollectReply, type OpenReply, type ReplayReply, toEndpointSpec } from "../harness/generator-protocol.ts";
import type { ServerUnderTest } from "../harness/ServerUnderTest.ts";
import { percentileOf } from "../harness/stats.ts";
import { type TraceName, expectedText, loadTrace } from "../harness/traces.ts";

/** Readers per generator process: 50 readers in one process queue behind each other there. */
export const READERS_PER_GENERATOR = 10;
/** Rows the background doc holds before the run: the run's first 50 ops take it past 500. */
export const BACKGROUND_PREFILL = 450;
/** The relay's default compaction point (packages/core limits.compactAfterUpdates). */
export const COMPACTION_POINT = 500;
/**
 * The background writer sends this many ops per measured op, at this many times the rate:
 * one crossing per run hid whether the stall comes back at every compaction (issue 17 asks
 * for "several 500-row compactions").
 */
export const BACKGROUND_SPEEDUP = 5;
/** Quiet time after the server applied the prefill, before the measured window opens. */
const PREFILL_SETTLE_MS = 300;

export interface FanoutRunResult {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  eventLoop: EventLoopWindow;
  control: EventLoopWindow;
  /** Largest own stall (server on the CPU) in the second after each time the background doc crossed the compaction point. */
  afterCompactionMaxMs: number;
  /** Times the background doc crossed a multiple of the compaction point during the run. */
  crossings: number;
}

export function generatorsFor(maxReaders: number): number {
  return 1 + Math.ceil(maxReaders / READERS_PER_GENERATOR);
}

export async function fanoutRun(
  server: ServerUnderTest,
  pool: GeneratorPool,
  control: EventLoopProbe,
  traceName: TraceName,
  opCount: number,
  rate: number,
  readers: number,
  docName: string,
): Promise<FanoutRunResult> {
  const expected = expectedText(loadTrace(traceName), opCount);
  const backgroundDoc = `${docName}-background`;
  const readerGenerators = Math.ceil(readers / READERS_PER_GENERATOR);
  const used = Array.from({ length: readerGenerators + 1 }, (_, g) => g);
  try {
    const readerSpec = toEndpointSpec(server, [docName]);
    await Promise.all(
      used.slice(1).map((g) => {
        const count = Math.min(READERS_PER_GENERATOR, readers - (g - 1) * READERS_PER_GENERATOR);
        return pool.request(g, { op: "open", endpoint: readerSpec, docs: Array.from({ length: count }, () => docName), record: true });
      }),
    );
    const writers = await pool.request<OpenReply>(0, { op: "open", endpoint: toEndpointSpec(server, [docName, backgroundDoc]), docs: [docName, backgroundDoc], record: false });
    const writerId = writers.clientIds[0] as number;
    await Promise.all(used.slice(1).map((g) => pool.request(g, { op: "watch", writerId })));
    await pool.request<ReplayReply>(0, { op: "replay", client: 1, trace: traceName, from: 0, count: BACKGROUND_PREFILL, rate: 0 });
    await pool.request(0, { op: "barrier", client: 1, timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, PREFILL_SETTLE_MS));

    await Promise.all([server.eventLoop?.mark(), control.mark()]);
    const [main, background] = await Promise.all([
      pool.request<ReplayReply>(0, { op: "replay", client: 0, trace: traceName, from: 0, count: opCount, rate }),
      pool.request<ReplayReply>(0, { op: "replay", client: 1, trace: traceName, from: BACKGROUND_PREFILL, count: opCount * BACKGROUND_SPEEDUP, rate: rate * BACKGROUND_SPEEDUP }),
    ]);
    await Promise.all(used.slice(1).map((g) => pool.request(g, { op: "wait-length", length: expected.length, timeoutMs: 60_000 })));
    const [eventLoop, controlWindow] = await Promise.all([server.eventLoop?.read(), control.read()]);
    if (!eventLoop) throw new Error(`${server.kind} started without the event-loop probe`);

    const latencies: number[] = [];
    for (const g of used.slice(1)) {
      const collected = await pool.request<CollectReply>(g, { op: "collect" });
      if (collected.texts.some((t) => t !== expected)) throw new Error(`${server.kind}: a reader's text differs from the trace`);
      for (const log of collected.logs) latencies.push(...latenciesOf(main, log));
    }
    const crossings = crossingTimes(background);
    const afterCompaction = eventLoop.stalls
      .filter((s) => isOwnStall(s) && crossings.some((at) => s.endedAt >= at && s.endedAt <= at + 1_000))
      .map((s) => s.ms);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      p50: percentileOf(sorted, 50),
      p99: percentileOf(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      samples: sorted.length,
      eventLoop,
      control: controlWindow,
      afterCompactionMaxMs: afterCompaction.length === 0 ? 0 : Math.max(...afterCompaction),
      crossings: crossings.length,
    };
  } finally {
    await Promise.all(used.map((g) => pool.request(g, { op: "close" })));
  }
}

/**
 * Wall-clock times at which the background doc reached 500, 1,000, … rows written (counting
 * the prefill; with the relay's compaction merging to one row, each is when a compaction
 * starts, give or take the rows that arrive while the previous one runs).
 */
export function crossingTimes(background: Pick<ReplayReply, "startedWallMs" | "sentAt">): number[] {
  const out: number[] = [];
  const first = background.sentAt[0] ?? 0;
  for (let rows = COMPACTION_POINT; rows - BACKGROUND_PREFILL < background.sentAt.length; rows += COMPACTION_POINT) {
    const sent = background.sentAt[rows - BACKGROUND_PREFILL];
    if (sent !== undefined) out.push(background.startedWallMs + (sent - first));
  }
  return out;
}

/**
 * Latency of each op that advanced the writer's clock (delete-only ops do not: they are
 * delivered and checked but carry no sample) at one reader: the first apply at which the
 * reader held that clock, minus the op's send time. Both are hrtime (one clock per machine).
 */
export function latenciesOf(writer: Pick<ReplayReply, "clockAfter" | "sentAt">, log: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < writer.clockAfter.length; i++) {
    const clock = writer.clockAfter[i] as number;
    if (i > 0 && clock <= (writer.clockAfter[i - 1] as number)) continue;
    while (j < log.length && (log[j] as number) < clock) j += 2;
    if (j >= log.length) break;
    out.push((log[j + 1] as number) - (writer.sentAt[i] as number));
  }
  return out;
}
