/**
 * Wire fuzzer, fast slice (a few thousand frames). Replay: SEED=<n> pnpm -s exec vitest run --project reliability wire-fuzz
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { MiB } from "./harness/proc-memory.ts";
import { recordFigures } from "./harness/report.ts";
import { runWireFuzz } from "./scenarios/wire-fuzz.ts";

/** Ceiling for the relay's peak RSS while fuzzed: generous for 2 docs, far below a leak. */
export const FUZZ_RSS_CEILING = 512 * MiB;
const plan = planSeeds(1, 31_337);
/** A few thousand frames keep this under a minute on 2 busy cores; the soak sends 100k+. */
const FAST_FRAMES = 2_000;

const relay = useRelay();

describe("wire fuzzer", () => {
  it.each(plan.seeds)("seed %i: every hostile socket is closed with a reason; honest clients unaffected", async (seed) => {
    const run = await withReplay(seed, replayCommand("reliability", "wire-fuzz", seed), () =>
      runWireFuzz(relay, seed, { frames: FAST_FRAMES, burst: 8 }),
    );
    recordFigures("wire-fuzz-fast", { ...run, peakRssMiB: Math.round(run.peakRssBytes / MiB) });
    expect(run.framesSent).toBeGreaterThanOrEqual(FAST_FRAMES);
    expect(run.peakRssBytes).toBeLessThan(FUZZ_RSS_CEILING);
  });
});
