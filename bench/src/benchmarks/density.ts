/**
 * @module density
 * Benchmark 4: many small docs with idle clients. Opens one client on each of N docs (each
 * writes a short seeded paragraph), then a second client on each; server RSS after each step
 * gives memory per doc and per connection. Then every client leaves and we check the memory
 * comes back once the docs are unloaded. Each server runs fresh per run.
 */
import type { SyncClient } from "../clients/SyncClient.ts";
import { closeClients, openClients, sleep, until } from "../harness/clients.ts";
import { readProc } from "../harness/ProcessSampler.ts";
import { seededRandom } from "@quire/testkit";
import { type Benchmark, type BenchContext, MiB, fmt, fmtRatio, verdict } from "../harness/result.ts";
import { SERVER_LABELS, type ServerKind, type ServerUnderTest, startServer } from "../harness/ServerUnderTest.ts";
import { ratio, summarize } from "../harness/stats.ts";

const KINDS: ServerKind[] = ["quire", "y-websocket", "hocuspocus"];
const PARAGRAPH_CHARS = 300;
/** How long peers get to unload after clients leave (Quire reports it; they cannot). */
const PEER_UNLOAD_WAIT_MS = 8_000;
/** Quick runs only prove the harness: shorter settling, figures not meaningful. */
const QUICK_PEER_UNLOAD_WAIT_MS = 1_000;

interface RunFigures {
  openSeconds: number;
  baseMiB: number;
  perDocKiB: number;
  perConnectionKiB: number;
  loadedMiB: number;
  afterLeaveMiB: number;
  /** Share of the growth still resident after every client left and docs unloaded. */
  retainedPercent: number;
}

/** RSS once the server has had a moment to settle (pending writes, sockets). */
async function settledRss(server: ServerUnderTest): Promise<number> {
  await sleep(1_000);
  return readProc(server.pid()).rssBytes;
}

async function densityRun(kind: ServerKind, docs: number, seed: number, peerUnloadWaitMs: number): Promise<RunFigures> {
  const server = await startServer(kind, { persist: true });
  try {
    const base = await settledRss(server);
    const names = Array.from({ length: docs }, (_, i) => `dense-${i}`);
    const random = seededRandom(seed);
    let openMs = 0;
    let t0 = performance.now();
    const first = await openClients(server, names);
    openMs += performance.now() - t0;
    for (const client of first) {
      let paragraph = "";
      while (paragraph.length < PARAGRAPH_CHARS) paragraph += `${Math.floor(random() * 1e9).toString(36)} `;
      client.doc.getText("text").insert(0, paragraph.slice(0, PARAGRAPH_CHARS));
    }
    const oneClient = await settledRss(server);
    t0 = performance.now();
    const second = await openClients(server, names);
    openMs += performance.now() - t0;
    const openSeconds = openMs / 1000;
    // The second client of each doc must hold the first one's paragraph.
    await until(() => second.every((c) => c.doc.getText("text").length === PARAGRAPH_CHARS), 60_000, `${kind}: second clients to sync`);
    const loaded = await settledRss(server);
    // Both steps only grow memory, so the differences are not blurred by lazy freeing.
    const perConnection = (loaded - oneClient) / docs;
    const perDoc = (oneClient - base) / docs - perConnection;
    await closeClients(second);
    await closeClients(first as SyncClient[]);
    const docsLoaded = await server.docsLoaded();
    if (docsLoaded !== undefined) {
      await until(async () => (await server.docsLoaded()) === 0, 60_000, `${kind}: docs to unload`, 250);
    } else {
      await sleep(peerUnloadWaitMs);
    }
    const after = await settledRss(server);
    return {
      openSeconds,
      baseMiB: base / MiB,
      perDocKiB: perDoc / 1024,
      perConnectionKiB: perConnection / 1024,
      loadedMiB: loaded / MiB,
      afterLeaveMiB: after / MiB,
      retainedPercent: (100 * (after - base)) / Math.max(1, loaded - base),
    };
  } finally {
    await server.stop();
  }
}

export const density: Benchmark = {
  id: "density",
  title: "4. Density",
  async run(context: BenchContext) {
    const docs = context.quick ? 100 : 1_000;
    const runs = context.quick ? 1 : 5;
    const results = new Map<ServerKind, RunFigures[]>(KINDS.map((k) => [k, []]));
    for (let run = 0; run < runs; run++) {
      const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length] as ServerKind);
      for (const kind of order) results.get(kind)?.push(await densityRun(kind, docs, 4_000 + run, context.quick ? QUICK_PEER_UNLOAD_WAIT_MS : PEER_UNLOAD_WAIT_MS));
      context.log(`density run ${run + 1}/${runs}`);
    }
    const pick = (kind: ServerKind, key: keyof RunFigures) => summarize((results.get(kind) ?? []).map((r) => r[key]));
    const rows = KINDS.map((kind) => [
      SERVER_LABELS[kind],
      fmt(pick(kind, "openSeconds"), 2),
      fmt(pick(kind, "baseMiB"), 1),
      fmt(pick(kind, "loadedMiB"), 1),
      fmt(pick(kind, "perDocKiB"), 1),
      fmt(pick(kind, "perConnectionKiB"), 1),
      fmt(pick(kind, "afterLeaveMiB"), 1),
      fmt(pick(kind, "retainedPercent"), 0),
    ]);
    const ratioRows = (["y-websocket", "hocuspocus"] as const).map((peer) => {
      const growth = (k: ServerKind) => pick(k, "loadedMiB").median - pick(k, "baseMiB").median;
      const r = ratio(growth("quire"), growth(peer));
      return [
        SERVER_LABELS[peer],
        fmtRatio(r),
        fmtRatio(ratio(pick("quire", "openSeconds").median, pick(peer, "openSeconds").median)),
        "memory growth ≤ 1.00×",
        verdict(r, 1),
      ];
    });
    return {
      status: "ok",
      method: `${docs} docs × 2 idle clients, each server fresh per run and persisting as deployed. Step 1 opens one client per doc (≤ 50 handshakes in flight) and each writes a ${PARAGRAPH_CHARS}-character seeded paragraph; step 2 opens a second client per doc, which must receive the paragraph. "open s" is the time to open all ${2 * docs} clients (both steps, excluding the 1 s settle). RSS is read 1 s after each step: per connection = (RSS with 2 clients − RSS with 1) / docs, per doc = (RSS with 1 client − base) / docs − per connection. Then all clients leave; Quire is polled until /healthz reports 0 docs loaded, the peers get ${PEER_UNLOAD_WAIT_MS / 1000} s (they unload on last disconnect); "retained" = share of the growth still resident. ${runs} runs, servers alternating.`,
      tables: [
        {
          caption: "Per server",
          columns: ["server", "open s", "base RSS MiB", "loaded RSS MiB", "per doc KiB", "per connection KiB", "RSS after leave MiB", "retained %"],
          rows,
        },
        { caption: "Quire vs each peer", columns: ["peer", "RSS growth ratio", "open time ratio", "target", "result"], rows: ratioRows },
      ],
      notes: [
        "RSS is what the operator pays; V8 returns freed heap to the OS lazily, so 'retained' overstates live memory for every server alike.",
        "The Hocuspocus peer runs under tsx (its start script is TypeScript), which adds a constant to its base RSS; growth figures subtract the base.",
      ],
      data: { docs, runs, results: Object.fromEntries(results) },
    };
  },
};
