/**
 * @module crash-durability
 * SIGKILL the relay at a seeded random moment while several clients write as fast as they can;
 * read the SQLite file while the relay is dead; every state vector the relay acknowledged
 * ([100,1]) and everything any client received from the relay must be on disk, and
 * `PRAGMA integrity_check` must say "ok". Then restart, let everyone resync, and go again.
 */
import { createRandom, type Relay, WireClient } from "@quire/testkit";
import * as prng from "lib0/prng";
import { covers, missingFrom } from "../harness/doc-state.ts";
import { randomEdit } from "../harness/random-edits.ts";
import { integrityCheck, readStoredDoc } from "../harness/stored-docs.ts";
import { converge, sleep } from "./convergence.ts";

export interface CrashOptions {
  /** Kill/restart cycles per seed. */
  cycles: number;
  docs: number;
  writersPerDoc: number;
  /** Upper bound of the random time (ms) writers run before the kill. */
  maxRunMs: number;
}

export const FAST_CRASH: CrashOptions = { cycles: 4, docs: 2, writersPerDoc: 3, maxRunMs: 400 };
export const SOAK_CRASH: CrashOptions = { cycles: 40, docs: 4, writersPerDoc: 4, maxRunMs: 1500 };

export interface CrashRun {
  seed: number;
  kills: number;
  edits: number;
  ackedClocksChecked: number;
  receivedDocsChecked: number;
}

export async function runCrashSeed(relay: Relay, seed: number, options: CrashOptions): Promise<CrashRun> {
  const rng = createRandom(seed);
  const run: CrashRun = { seed, kills: 0, edits: 0, ackedClocksChecked: 0, receivedDocsChecked: 0 };
  const groups = Array.from({ length: options.docs }, (_, d) => {
    const docName = `crash-${seed}/d${d}`;
    const token = relay.token({ doc: docName, role: "editor", name: `writer-${d}` });
    const clients = Array.from(
      { length: options.writersPerDoc },
      () => new WireClient({ syncUrl: relay.syncUrl, docName, token, subscribeAcks: true }),
    );
    return { docName, clients };
  });
  const all = groups.flatMap((g) => g.clients);
  try {
    await Promise.all(all.map((c) => c.connect()));
    await Promise.all(all.map((c) => c.waitSynced()));
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const runFor = prng.int32(rng, 20, options.maxRunMs);
      let writing = true;
      const writers = all.map(async (client, i) => {
        const local = createRandom(seed * 1_000 + cycle * 50 + i);
        while (writing && client.online) {
          randomEdit(client.doc, local, `k${cycle}w${i}n${run.edits++}`);
          await sleep(prng.int32(local, 0, 3));
        }
      });
      await sleep(runFor);
      await relay.kill("SIGKILL");
      writing = false;
      run.kills++;
      await Promise.all(writers);
      await Promise.all(all.map((c) => c.disconnect()));

      const integrity = integrityCheck(relay.dataDir);
      if (integrity !== "ok") throw new Error(`integrity_check after SIGKILL ${cycle}: ${integrity}`);
      for (const group of groups) {
        const stored = readStoredDoc(relay.dataDir, group.docName);
        try {
          for (const [i, client] of group.clients.entries()) {
            const gaps = covers(stored, client.acked);
            if (gaps.length > 0) {
              throw new Error(`kill ${cycle} (after ${runFor} ms): ${group.docName} lost edits acknowledged to writer ${i}: ${gaps.join("; ")}`);
            }
            const missing = missingFrom(stored, client.received);
            if (missing.length > 0) {
              throw new Error(`kill ${cycle} (after ${runFor} ms): ${group.docName} lost edits writer ${i} had received: ${missing.join("; ")}`);
            }
            run.ackedClocksChecked += client.acked.size;
            run.receivedDocsChecked++;
          }
        } finally {
          stored.destroy();
        }
      }
      await relay.restart();
      for (const group of groups) await converge(relay, group.clients);
    }
    return run;
  } finally {
    for (const c of all) c.destroy();
  }
}
