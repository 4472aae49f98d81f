/**
 * @module convergence
 * One seeded convergence run: 2–8 wire clients edit one doc through a real relay while the
 * simulator drops them offline, reconnects them, duplicates and reorders frames, and
 * restarts the relay (SIGTERM or SIGKILL). At the end every replica, a fresh client and the
 * relay's SQLite rows must describe the same doc, and nothing acknowledged may be missing.
 * Shared by convergence.test.ts (fast slice) and convergence.soak.ts (long run).
 */
import { createRandom, type Relay, WireClient } from "@quire/testkit";
import * as prng from "lib0/prng";
import type * as Y from "yjs";
import { covers, describeDoc, diffStates, missingFrom, type DocState } from "../harness/doc-state.ts";
import { randomEdit } from "../harness/random-edits.ts";
import { readStoredDoc } from "../harness/stored-docs.ts";

export interface ConvergenceOptions {
  /** Simulation steps (edits, toggles, deliveries) per seed. */
  steps: number;
  /** Probability that a seed restarts the relay once (half SIGTERM, half SIGKILL). */
  restartProbability: number;
}

export interface ConvergenceRun {
  seed: number;
  docName: string;
  clients: number;
  edits: number;
  offlinePeriods: number;
  restarts: { signal: "SIGTERM" | "SIGKILL"; ackedChecked: number }[];
  acks: number;
  /** Sockets the relay closed with 4400 (a frame it refused, e.g. a reordered delete). */
  refusedFrames: number;
  finalState: DocState;
}

export const FAST_CONVERGENCE: ConvergenceOptions = { steps: 60, restartProbability: 0.2 };
export const SOAK_CONVERGENCE: ConvergenceOptions = { steps: 120, restartProbability: 0.15 };

export async function runConvergenceSeed(
  relay: Relay,
  seed: number,
  options: ConvergenceOptions,
): Promise<ConvergenceRun> {
  const rng = createRandom(seed);
  const docName = `conv-${seed}/doc`;
  const token = relay.token({ doc: docName, role: "editor", name: `sim-${seed}` });
  const clientCount = prng.int32(rng, 2, 8);
  const faults = { duplicate: prng.real53(rng) * 0.2, reorder: prng.real53(rng) * 0.3 };
  const restartAt = prng.real53(rng) < options.restartProbability ? prng.int32(rng, 1, options.steps - 1) : -1;
  const restartSignal = prng.bool(rng) ? "SIGKILL" : "SIGTERM";
  const clients = Array.from(
    { length: clientCount },
    (_, i) =>
      new WireClient({
        syncUrl: relay.syncUrl,
        docName,
        token,
        rng: createRandom(seed * 16 + i),
        faults,
        subscribeAcks: i % 2 === 0,
      }),
  );
  const run: ConvergenceRun = {
    seed,
    docName,
    clients: clientCount,
    edits: 0,
    offlinePeriods: 0,
    restarts: [],
    acks: 0,
    refusedFrames: 0,
    finalState: describeDoc(clients[0]?.doc as Y.Doc),
  };
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await Promise.all(clients.map((c) => c.waitSynced()));
    for (let step = 0; step < options.steps; step++) {
      if (step === restartAt) {
        run.restarts.push(await restartRelay(relay, clients, restartSignal));
        continue;
      }
      const client = prng.oneOf(rng, clients);
      const roll = prng.int32(rng, 0, 99);
      if (roll < 60) {
        for (let n = prng.int32(rng, 1, 3); n > 0; n--) {
          randomEdit(client.doc, rng, `c${clients.indexOf(client)}e${run.edits}`);
          run.edits++;
        }
      } else if (roll < 72) {
        if (client.online) {
          await client.disconnect();
          run.offlinePeriods++;
        } else if (relay.running) {
          await client.connect().catch(() => undefined); // a refused reconnect is retried at the end
        }
      } else if (roll < 82) {
        client.flushHeld();
      } else {
        await sleep(prng.int32(rng, 0, 4));
      }
    }
    await converge(relay, clients);
    run.acks = clients.reduce((sum, c) => sum + c.ackCount, 0);
    run.refusedFrames = clients.reduce((sum, c) => sum + c.closes.filter((x) => x.code === 4400).length, 0);
    run.finalState = describeDoc((clients[0] as WireClient).doc);

    const observer = new WireClient({ syncUrl: relay.syncUrl, docName, token });
    try {
      await observer.connect();
      await observer.waitSynced();
      const diff = diffStates(run.finalState, describeDoc(observer.doc));
      if (diff) throw new Error(`a fresh client got a different doc from the relay: ${diff}`);
    } finally {
      await observer.disconnect();
      observer.destroy();
    }
    await waitStored(relay.dataDir, docName, run.finalState);
    return run;
  } finally {
    for (const c of clients) c.destroy();
  }
}

/**
 * Restarts the relay with `signal`. After a SIGKILL the SQLite file is read while the relay is
 * down: every acknowledged state vector and everything any client received must be on disk.
 */
async function restartRelay(
  relay: Relay,
  clients: WireClient[],
  signal: "SIGTERM" | "SIGKILL",
): Promise<{ signal: "SIGTERM" | "SIGKILL"; ackedChecked: number }> {
  const wasOnline = clients.filter((c) => c.online);
  await relay.kill(signal);
  // Wait until every socket saw the close so no client sends into the void afterwards.
  await Promise.all(wasOnline.map((c) => c.disconnect()));
  let ackedChecked = 0;
  const docName = clientsDocName(clients);
  const stored = readStoredDocOrEmpty(relay.dataDir, docName);
  try {
    for (const [i, client] of clients.entries()) {
      const gaps = covers(stored, client.acked);
      if (gaps.length > 0) throw new Error(`after ${signal}, client ${i}'s acknowledged edits are not on disk: ${gaps.join("; ")}`);
      const missing = missingFrom(stored, client.received);
      if (missing.length > 0) {
        throw new Error(`after ${signal}, edits client ${i} received from the relay are not on disk: ${missing.join("; ")}`);
      }
      ackedChecked += client.acked.size;
    }
  } finally {
    stored.destroy();
  }
  await relay.restart();
  for (const c of wasOnline) await c.connect();
  return { signal, ackedChecked };
}

function clientsDocName(clients: WireClient[]): string {
  const url = new URL((clients[0] as WireClient).url);
  return decodeURIComponent(url.pathname.replace(/^\/sync\//, ""));
}

function readStoredDocOrEmpty(dataDir: string, docName: string): Y.Doc {
  return readStoredDoc(dataDir, docName);
}

const MAX_RECONNECTS_WHILE_CONVERGING = 20;

/** Brings every client online, delivers held frames and waits until all replicas agree. */
export async function converge(relay: Relay, clients: WireClient[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const c of clients) if (!c.online && !c.connecting) await connectWithRetry(c, deadline);
  // A refusal during this first sync is handled (reconnect, counted) by the loop below.
  await Promise.all(clients.map((c) => c.waitSynced(timeoutMs).catch(() => undefined)));
  const reconnects = new Map<WireClient, number>();
  for (;;) {
    for (const c of clients) {
      c.flushHeld();
      if (!c.online) {
        // The relay may refuse a frame the fault injector reordered (e.g. a delete sent before
        // the insert it deletes: 4400). A stock y-websocket client reconnects and resyncs;
        // so does the simulator. A client refused over and over is a livelock: fail.
        const count = (reconnects.get(c) ?? 0) + 1;
        reconnects.set(c, count);
        if (count > MAX_RECONNECTS_WHILE_CONVERGING) {
          throw new Error(`client keeps losing its connection while converging: ${JSON.stringify(c.closes.slice(-3))}\n${relay.output.slice(-2000)}`);
        }
        if (!c.connecting) await connectWithRetry(c, deadline);
        await c.waitSynced(timeoutMs).catch(() => undefined); // a refusal here is retried next round
      }
    }
    if (!clients.every((c) => c.online && c.synced)) {
      if (Date.now() > deadline) throw new Error(`clients did not all get back online and synced within ${timeoutMs} ms`);
      await sleep(10);
      continue;
    }
    const states = clients.map((c) => describeDoc(c.doc));
    const first = states[0] as DocState;
    const diffs = states.map((s) => diffStates(first, s)).filter((d) => d !== null);
    if (diffs.length === 0) return;
    if (Date.now() > deadline) throw new Error(`replicas did not converge within ${timeoutMs} ms: ${diffs[0]}`);
    await sleep(10);
  }
}

async function connectWithRetry(client: WireClient, deadline: number): Promise<void> {
  for (;;) {
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

/** Polls the relay's SQLite rows (WAL allows a concurrent reader) until they hold `expected`. */
export async function waitStored(dataDir: string, docName: string, expected: DocState, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = readStoredDoc(dataDir, docName);
    const diff = diffStates(expected, describeDoc(stored));
    stored.destroy();
    if (diff === null) return;
    if (Date.now() > deadline) throw new Error(`the relay's stored rows differ from the replicas: ${diff}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Totals over runs, for docs/reliability.md. */
export function summarizeConvergence(all: readonly ConvergenceRun[]): Record<string, number> {
  const sum = (f: (r: ConvergenceRun) => number) => all.reduce((s, r) => s + f(r), 0);
  return {
    seeds: all.length,
    clients: sum((r) => r.clients),
    edits: sum((r) => r.edits),
    offlinePeriods: sum((r) => r.offlinePeriods),
    relayRestartsSigterm: sum((r) => r.restarts.filter((x) => x.signal === "SIGTERM").length),
    relayKillsSigkill: sum((r) => r.restarts.filter((x) => x.signal === "SIGKILL").length),
    acks: sum((r) => r.acks),
    refusedFrames: sum((r) => r.refusedFrames),
  };
}
