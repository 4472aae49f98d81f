/**
 * @module generator-process
 * A load-generator child process (forked by GeneratorPool): holds SyncClients and runs the
 * typing, replay and flood loops the throughput and fan-out benchmarks used to run in the
 * bench's own process. Requests run concurrently (a writer and a background writer replay at
 * the same time); each is answered with its id. See generator-protocol.ts for the messages.
 */
import * as Y from "yjs";
import type { SyncClient } from "../clients/SyncClient.ts";
import { closeClients, openClients, sleep, until, withTimeout } from "./clients.ts";
import {
  type CollectReply,
  type FloodReply,
  type GeneratorAnswer,
  type GeneratorMessage,
  type GeneratorRequest,
  type HumanReply,
  type OpenReply,
  type ReplayReply,
  fromEndpointSpec,
  monotonicMs,
} from "./generator-protocol.ts";
import { seededRandom } from "@quire/testkit";
import { loadTrace } from "./traces.ts";

/** Stop sending while this much is queued on a socket: "as fast as the server accepts". */
const SEND_BUFFER_LIMIT = 64 * 1024;

let clients: SyncClient[] = [];
let logs: number[][] = [];
let writerId = -1;

function groups(): SyncClient[][] {
  const byDoc = new Map<string, SyncClient[]>();
  for (const client of clients) {
    const group = byDoc.get(client.docName) ?? [];
    group.push(client);
    byDoc.set(client.docName, group);
  }
  return [...byDoc.values()];
}

/** Sum over clients of the other clients' keystrokes each has applied (1 char = 1 clock). */
function delivered(): number {
  let total = 0;
  for (const group of groups()) {
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

function converged(group: SyncClient[]): boolean {
  const first = (group[0] as SyncClient).doc.getText("text").toString();
  return group.every((c) => c.doc.getText("text").toString() === first);
}

async function open(request: Extract<GeneratorRequest, { op: "open" }>): Promise<OpenReply> {
  await closeClients(clients);
  writerId = -1;
  logs = request.docs.map(() => []);
  const indexOf = new Map<SyncClient, number>();
  const onApplied = (reader: SyncClient) => {
    if (writerId < 0) return;
    const log = logs[indexOf.get(reader) ?? -1];
    if (!log) return;
    const clock = Y.getState(reader.doc.store, writerId);
    if (log.length === 0 || clock > (log[log.length - 2] as number)) log.push(clock, monotonicMs());
  };
  clients = await openClients(fromEndpointSpec(request.endpoint), request.docs, request.record ? { onApplied } : {});
  for (const [i, client] of clients.entries()) indexOf.set(client, i);
  return { clientIds: clients.map((c) => c.doc.clientID) };
}

async function replay(request: Extract<GeneratorRequest, { op: "replay" }>): Promise<ReplayReply> {
  const client = clients[request.client];
  if (!client) throw new Error(`no client ${request.client}`);
  const trace = loadTrace(request.trace);
  const text = client.doc.getText("text");
  const clockAfter: number[] = [];
  const sentAt: number[] = [];
  const t0 = performance.now();
  const startedWallMs = Date.now();
  const interval = request.rate > 0 ? 1000 / request.rate : 0;
  for (let i = 0; i < request.count; i++) {
    const op = trace.ops[request.from + i];
    if (!op) break;
    if (interval > 0) {
      const wait = t0 + i * interval - performance.now();
      if (wait > 1) await sleep(wait);
    } else {
      while (client.bufferedAmount >= SEND_BUFFER_LIMIT) await new Promise((r) => setImmediate(r));
    }
    sentAt.push(monotonicMs());
    client.doc.transact(() => {
      if (op.del > 0) text.delete(op.pos, op.del);
      if (op.ins) text.insert(op.pos, op.ins);
    });
    clockAfter.push(Y.getState(client.doc.store, client.doc.clientID));
  }
  return { clockAfter, sentAt, startedWallMs };
}

async function human(request: Extract<GeneratorRequest, { op: "human" }>): Promise<HumanReply> {
  const random = seededRandom(request.seed);
  const before = delivered();
  const t0 = performance.now();
  // Keystrokes are spread evenly over each 1/rate interval.
  const tickMs = 1000 / request.rate / clients.length;
  let tick = 0;
  while (performance.now() - t0 < request.seconds * 1000) {
    typeOne(clients[tick % clients.length] as SyncClient, random);
    tick++;
    const wait = t0 + tick * tickMs - performance.now();
    if (wait > 1) await sleep(wait);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { delivered: delivered() - before, seconds };
}

async function flood(request: Extract<GeneratorRequest, { op: "flood" }>): Promise<FloodReply> {
  const random = seededRandom(request.seed);
  const before = delivered();
  const sent = new Map<SyncClient, number>(clients.map((c) => [c, 0]));
  let pending = true;
  while (pending) {
    pending = false;
    for (const client of clients) {
      let n = sent.get(client) as number;
      while (n < request.keystrokes && client.bufferedAmount < SEND_BUFFER_LIMIT) {
        typeOne(client, random);
        n++;
      }
      sent.set(client, n);
      if (n < request.keystrokes) pending = true;
    }
    // Let sockets drain and incoming updates apply before the next round.
    await new Promise((r) => setImmediate(r));
  }
  const expected = groups().reduce((sum, g) => sum + g.length * (g.length - 1) * request.keystrokes, 0);
  await until(() => delivered() - before >= expected, request.timeoutMs, `${clients.length} clients: flood to be delivered`, 5);
  return { delivered: expected };
}

async function handle(request: GeneratorRequest): Promise<unknown> {
  switch (request.op) {
    case "open":
      return open(request);
    case "watch":
      writerId = request.writerId;
      return {};
    case "replay":
      return replay(request);
    case "barrier": {
      const client = clients[request.client];
      if (!client) throw new Error(`no client ${request.client}`);
      await withTimeout(client.barrier(), request.timeoutMs, `${client.docName}: server to answer a sync step 1`);
      return {};
    }
    case "human":
      return human(request);
    case "flood":
      return flood(request);
    case "converge":
      await until(() => groups().every(converged), request.timeoutMs, "clients of each doc to converge");
      return {};
    case "wait-length":
      await until(() => clients.every((c) => c.doc.getText("text").length === request.length), request.timeoutMs, `readers to hold ${request.length} characters`);
      return {};
    case "collect":
      return { logs, texts: clients.map((c) => c.doc.getText("text").toString()) } satisfies CollectReply;
    case "close":
      await closeClients(clients);
      clients = [];
      return {};
  }
}

function answer(message: GeneratorAnswer): void {
  process.send?.(message);
}

process.on("message", (message: GeneratorMessage) => {
  handle(message.request).then(
    (result) => answer({ id: message.id, result }),
    (error: unknown) => answer({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// The bench going away must not leave generators (and their sockets) behind.
process.on("disconnect", () => process.exit(0));
answer({ ready: true });
