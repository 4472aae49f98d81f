/**
 * @module expensive-update-fuzz
 * Security review S1: a seeded stream of valid but expensive-to-integrate updates
 * (harness/expensive-shapes.ts) sent by editors, one socket per shape, while honest pairs on
 * OTHER docs type one keystroke at a time and time each round trip (writer's insert → the
 * reader has it, through the relay). The relay may refuse a shape (4413 too expensive, 4530
 * CPU budget, 4400 formatting-mark density) or accept it; it must never stall the honest
 * docs, drop an honest socket, evict a room or log an error.
 *
 * The test process generates the shapes on its own event loop, which would delay its own
 * probe: round trips that overlap a generation are left out (and counted), so the figure is
 * the relay's latency, not the generator's.
 */
import { createRandom, type Relay, updateFrame, WireClient } from "@quire/testkit";
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { MessageType, decodeQuireMessage, encodeAckSubscribe } from "@quire/core";
import { expensiveShape } from "../harness/expensive-shapes.ts";
import { sleep } from "./convergence.ts";

export interface ExpensiveFuzzOptions {
  seed: number;
  durationMs: number;
  /** Honest writer/reader pairs, each on its own doc. */
  honestPairs: number;
  /** Pause between keystrokes of one honest writer. */
  keystrokeIntervalMs: number;
}

export interface ExpensiveFuzzResult {
  seed: number;
  shapes: number;
  shapesByKind: Record<string, number>;
  /** How each attacking socket ended: close code, "accepted" (acked) or "pending" → count. */
  outcomes: Record<string, number>;
  unexpectedCloses: string[];
  keystrokes: number;
  /** Round trips left out because the test process was generating a shape meanwhile. */
  excludedKeystrokes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  honestCloses: number;
  honestDiverged: number;
  relayErrors: number;
  /** Commits the relay logged as holding its main thread ≥ 100 ms, and the longest. */
  slowIntegrations: number;
  maxIntegrationMs: number;
}

/** Close codes an attacking socket may get. */
const EXPECTED_CLOSES = new Set([4413, 4530, 4400]);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The relay's "slow integration" log lines since `from` (see IntegrationGuard). */
function slowIntegrations(output: string, from: number): { slowIntegrations: number; maxIntegrationMs: number } {
  const times = output
    .slice(from)
    .split("\n")
    .filter((line) => line.includes('"msg":"slow integration"'))
    .map((line) => Number(/"ms":(\d+)/.exec(line)?.[1] ?? 0));
  return { slowIntegrations: times.length, maxIntegrationMs: Math.max(0, ...times) };
}

/**
 * Sends `updates` on a fresh socket subscribed to acks. Resolves "accepted" once an ack covers
 * every update (they are committed), the relay's close code if it refuses, or "pending" if
 * neither happened within `settleMs` (a trial still running).
 */
async function attack(url: string, updates: readonly Uint8Array[], settleMs: number): Promise<{ code: string; reason: string }> {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  const expected = new Map<number, number>();
  for (const update of updates) {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
      expected.set(client, Math.max(clock, expected.get(client) ?? 0));
    }
  }
  const closed = new Promise<{ code: string; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code: String(code), reason: reason.toString() })));
  const accepted = new Promise<{ code: string; reason: string }>((resolve) => {
    // Only acks are read: applying the attacked doc here would cost this process the same
    // quadratic time.
    ws.on("message", (data: Buffer) => {
      if (data[0] !== MessageType.Quire) return;
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      decoding.readVarUint(decoder);
      const message = decodeQuireMessage(decoder);
      if (message.kind !== "ack") return;
      const acked = Y.decodeStateVector(message.stateVector);
      if ([...expected].every(([client, clock]) => (acked.get(client) ?? 0) >= clock)) resolve({ code: "accepted", reason: "" });
    });
  });
  const opened = await Promise.race([new Promise<boolean>((r) => ws.once("open", () => r(true))), closed.then(() => false)]);
  if (!opened) return closed;
  ws.send(encodeAckSubscribe());
  for (const update of updates) ws.send(updateFrame(update));
  const result = (await Promise.race([closed, accepted, sleep(settleMs).then(() => null)])) ?? { code: "pending", reason: "" };
  ws.close(1000, "fuzzer done");
  await Promise.race([closed, sleep(2_000)]);
  return result;
}

export async function runExpensiveFuzz(relay: Relay, options: ExpensiveFuzzOptions): Promise<ExpensiveFuzzResult> {
  const rng = createRandom(options.seed);
  const busy: [number, number][] = [];
  const samples: { start: number; end: number }[] = [];
  const prefix = `w${String(options.seed % 10_000_000_000).padStart(10, "0")}`;
  const pairs = Array.from({ length: options.honestPairs }, (_, i) => {
    const docName = `${prefix}/honest${i}`;
    const token = relay.token({ doc: docName, role: "editor", sub: `honest-${i}` });
    return { writer: new WireClient({ syncUrl: relay.syncUrl, docName, token }), reader: new WireClient({ syncUrl: relay.syncUrl, docName, token }) };
  });
  const honest = pairs.flatMap((p) => [p.writer, p.reader]);
  let running = true;
  const shapesByKind: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const unexpectedCloses: string[] = [];
  let shapes = 0;
  const outputStart = relay.output.length;
  try {
    await Promise.all(honest.map((c) => c.connect()));
    await Promise.all(honest.map((c) => c.waitSynced(30_000)));
    const typists = pairs.map(async ({ writer, reader }) => {
      const text = writer.doc.getText("probe");
      const seen = reader.doc.getText("probe");
      while (running) {
        const target = seen.length + 1;
        const start = performance.now();
        text.insert(text.length, "k");
        await new Promise<void>((resolve) => {
          const check = () => {
            if (seen.length >= target || !running) {
              reader.doc.off("update", check);
              resolve();
            }
          };
          reader.doc.on("update", check);
          check();
        });
        if (seen.length >= target) samples.push({ start, end: performance.now() });
        await sleep(options.keystrokeIntervalMs);
      }
    });
    const deadline = Date.now() + options.durationMs;
    let round = 0;
    while (Date.now() < deadline) {
      round++;
      const started = performance.now();
      const shape = expensiveShape(rng, 1_000 + round * 200);
      busy.push([started, performance.now()]);
      shapes++;
      shapesByKind[shape.kind] = (shapesByKind[shape.kind] ?? 0) + 1;
      const docName = `${prefix}/attack${round % 5}`;
      // A new attacking user every two rounds (anyone with the join code can become one): a
      // user's CPU budget spans its rounds, but fresh buckets keep every round trialled.
      const token = relay.token({ doc: docName, role: "editor", sub: `attacker-${Math.floor(round / 2)}` });
      // Past the worker's hard stop, timed twice, with room to spare.
      const outcome = await attack(`${relay.syncUrl}/${docName}?token=${encodeURIComponent(token)}`, shape.updates, 20_000);
      outcomes[outcome.code] = (outcomes[outcome.code] ?? 0) + 1;
      if (outcome.code !== "accepted" && outcome.code !== "pending" && !EXPECTED_CLOSES.has(Number(outcome.code))) {
        unexpectedCloses.push(`round ${round} (${shape.label}): ${outcome.code} ${outcome.reason}`);
      }
    }
    running = false;
    await Promise.all(typists);
    // Every honest replica converged: writer and reader agree.
    await sleep(500);
    const honestDiverged = pairs.filter(({ writer, reader }) => writer.doc.getText("probe").toString() !== reader.doc.getText("probe").toString()).length;
    const kept = samples.filter((s) => !busy.some(([from, to]) => s.start < to && s.end > from));
    const sorted = kept.map((s) => s.end - s.start).sort((a, b) => a - b);
    return {
      seed: options.seed,
      shapes,
      shapesByKind,
      outcomes,
      unexpectedCloses,
      keystrokes: kept.length,
      excludedKeystrokes: samples.length - kept.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? 0),
      honestCloses: honest.reduce((n, c) => n + c.closes.length, 0),
      honestDiverged,
      relayErrors: relay.output.split("\n").filter((line) => line.includes('"level":"error"')).length,
      ...slowIntegrations(relay.output, outputStart),
    };
  } finally {
    running = false;
    for (const c of honest) c.destroy();
  }
}
