/**
 * Wire fuzzer, soak: ≥ 100,000 frames (SOAK_FRAMES) over SOAK_FUZZ_SEEDS seeds, relay RSS bounded.
 * Replay: QUIRE_SOAK=1 SEED=<n> pnpm -s exec vitest run --project soak wire-fuzz
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { MiB } from "./harness/proc-memory.ts";
import { recordFigures } from "./harness/report.ts";
import { type FuzzRun, runWireFuzz } from "./scenarios/wire-fuzz.ts";

const TOTAL_FRAMES = Number(process.env.SOAK_FRAMES ?? 100_000);
const plan = planSeeds(Number(process.env.SOAK_FUZZ_SEEDS ?? 5), 900_000);
const RSS_CEILING = 768 * MiB;
const runs: FuzzRun[] = [];

/**
 * The relay's V8 heap is capped well below the RSS ceiling: RSS alone cannot tell garbage V8
 * has not collected yet (20k frames of up to 8 MiB leave plenty) from a leak, but a leak
 * under a heap cap ends the process (every later socket fails with 1006) and fails the run.
 */
const RELAY_HEAP_MIB = 256;

const relay = useRelay({ env: { NODE_OPTIONS: `--max-old-space-size=${RELAY_HEAP_MIB}` } });

afterAll(async () => {
  recordFigures("wire-fuzz-soak", {
    seeds: runs.map((r) => r.seed),
    framesSent: runs.reduce((s, r) => s + r.framesSent, 0),
    sockets: runs.reduce((s, r) => s + r.sockets, 0),
    peakRssMiB: Math.round(Math.max(0, ...runs.map((r) => r.peakRssBytes)) / MiB),
    peakRssMiBPerSeed: runs.map((r) => Math.round(r.peakRssBytes / MiB)),
    relayHeapCapMiB: RELAY_HEAP_MIB,
  });
});

describe("wire fuzzer soak", () => {
  it.each(plan.seeds)("seed %i", async (seed) => {
    const frames = Math.ceil(TOTAL_FRAMES / plan.seeds.length);
    const run = await withReplay(seed, replayCommand("soak", "wire-fuzz", seed), () => runWireFuzz(relay, seed, { frames, burst: 8 }));
    runs.push(run);
    expect(run.framesSent).toBeGreaterThanOrEqual(frames);
    expect(run.peakRssBytes).toBeLessThan(RSS_CEILING);
  });
});
