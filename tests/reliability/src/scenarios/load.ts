/**
 * @module load
 * N clients over M docs through one relay, each typing at human speed (a character every
 * 150–350 ms, occasional deletions) for a fixed time. Afterwards: every doc's replicas agree,
 * the stored rows hold exactly that doc, nothing any client typed is missing, the relay logged
 * no error; the relay's peak RSS is recorded. Shared by load.test.ts and load.soak.ts.
 */
import { createRandom, type Relay, WireClient } from "@quire/testkit";
import * as prng from "lib0/prng";
import * as Y from "yjs";
import { describeDoc, diffStates, missingFrom } from "../harness/doc-state.ts";
import { MemoryWatcher } from "../harness/proc-memory.ts";
import { readStoredDoc } from "../harness/stored-docs.ts";
import { converge, sleep, waitStored } from "./convergence.ts";

export interface LoadOptions {
  clients: number;
  docs: number;
  durationMs: number;
  seed: number;
}

export interface LoadResult {
  clients: number;
  docs: number;
  durationSeconds: number;
  updatesTyped: number;
  updatesPerSecond: number;
  lostUpdates: number;
  relayErrors: number;
  peakRssMiB: number;
  maxClientsSeen: number;
  healthzFailures: number;
}

export async function runLoad(relay: Relay, options: LoadOptions): Promise<LoadResult> {
  const rng = createRandom(options.seed);
  const groups = Array.from({ length: options.docs }, (_, d) => ({
    docName: `load-${options.seed}/d${d}`,
    clients: [] as WireClient[],
  }));
  for (let i = 0; i < options.clients; i++) {
    const group = groups[i % options.docs] as (typeof groups)[number];
    group.clients.push(
      new WireClient({ syncUrl: relay.syncUrl, docName: group.docName, token: relay.token({ doc: group.docName, role: "editor" }), subscribeAcks: true }),
    );
  }
  const all = groups.flatMap((g) => g.clients);
  const memory = new MemoryWatcher(relay.pid as number, 250);
  let typed = 0;
  let maxClientsSeen = 0;
  let healthzFailures = 0;
  try {
    // Connect in small batches, as a class arriving in a room would.
    for (let i = 0; i < all.length; i += 20) await Promise.all(all.slice(i, i + 20).map((c) => c.connect()));
    await Promise.all(all.map((c) => c.waitSynced(60_000)));
    const deadline = Date.now() + options.durationMs;
    const typists = all.map(async (client, i) => {
      const local = createRandom(options.seed * 10_000 + i);
      const text = client.doc.get("root", Y.XmlText);
      await sleep(prng.int32(local, 0, 300));
      while (Date.now() < deadline) {
        if (text.length > 0 && prng.int32(local, 0, 9) === 0) text.delete(prng.int32(local, 0, text.length - 1), 1);
        else text.insert(prng.int32(local, 0, text.length), prng.letter(local));
        typed++;
        await sleep(prng.int32(local, 150, 350));
      }
    });
    const health = (async () => {
      while (Date.now() < deadline) {
        try {
          maxClientsSeen = Math.max(maxClientsSeen, (await relay.healthz()).clients);
        } catch (error) {
          // Counted, not fatal: on 2 saturated cores an HTTP probe can fail while every
          // websocket keeps working; the figures report how often.
          healthzFailures++;
          if (healthzFailures === 1) console.warn(`healthz failed under load: ${String(error)}`);
        }
        await sleep(1_000);
      }
    })();
    await Promise.all([...typists, health]);
    for (const group of groups) await converge(relay, group.clients, 60_000);
    let lost = 0;
    for (const group of groups) {
      const expected = describeDoc((group.clients[0] as WireClient).doc);
      await waitStored(relay.dataDir, group.docName, expected, 30_000);
      const stored = readStoredDoc(relay.dataDir, group.docName);
      for (const c of group.clients) lost += missingFrom(stored, c.doc).length;
      const diff = diffStates(expected, describeDoc(stored));
      stored.destroy();
      if (diff) throw new Error(`${group.docName}: stored doc differs from the replicas: ${diff}`);
    }
    const peak = memory.stop();
    const relayErrors = relay.output.split("\n").filter((line) => line.includes('"level":"error"')).length;
    return {
      clients: options.clients,
      docs: options.docs,
      durationSeconds: options.durationMs / 1000,
      updatesTyped: typed,
      updatesPerSecond: Math.round(typed / (options.durationMs / 1000)),
      lostUpdates: lost,
      relayErrors,
      peakRssMiB: Math.round(peak / (1024 * 1024)),
      maxClientsSeen,
      healthzFailures,
    };
  } finally {
    memory.stop();
    for (const c of all) c.destroy();
  }
}
