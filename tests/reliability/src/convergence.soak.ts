/**
 * Randomized convergence, soak: ≥ 1,000 seeds (SOAK_SEEDS, default 1000) from SEED_BASE
 * (default 100000; `random` for fresh ones). Replay a failure:
 * QUIRE_SOAK=1 SEED=<n> pnpm -s exec vitest run --project soak convergence
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { describeDoc, diffStates } from "./harness/doc-state.ts";
import { recordFigures } from "./harness/report.ts";
import { integrityCheck, readStoredDoc } from "./harness/stored-docs.ts";
import { CONVERGENCE_RELAY_ENV, REGRESSION_SEEDS } from "./scenarios/convergence-regressions.ts";
import { type ConvergenceRun, SOAK_CONVERGENCE, runConvergenceSeed, summarizeConvergence } from "./scenarios/convergence.ts";

const plan = planSeeds(Number(process.env.SOAK_SEEDS ?? 1_000), 100_000);
// A Set: a regression seed inside the planned range must not run twice on the same doc name.
const seeds = plan.replay ? plan.seeds : [...new Set([...REGRESSION_SEEDS, ...plan.seeds])];
const runs: ConvergenceRun[] = [];

const relay = useRelay({ env: CONVERGENCE_RELAY_ENV });

describe("convergence soak", () => {
  it(`${seeds.length} seeds converge through the real relay`, async () => {
    for (const seed of seeds) {
      runs.push(await withReplay(seed, replayCommand("soak", "convergence", seed), () => runConvergenceSeed(relay, seed, SOAK_CONVERGENCE)));
    }
    await relay.stop({ removeData: false });
    expect(integrityCheck(relay.dataDir)).toBe("ok");
    // Every seed's doc was checked live when its run ended; this re-reads them all after the
    // relay stopped, so later compactions, unloads and restarts cannot have changed them.
    const changed: string[] = [];
    for (const run of runs) {
      const stored = readStoredDoc(relay.dataDir, run.docName);
      const diff = diffStates(run.finalState, describeDoc(stored));
      if (diff) changed.push(`seed ${run.seed}: ${diff.slice(0, 600)}`);
      stored.destroy();
    }
    recordFigures("convergence-soak", { ...summarizeConvergence(runs), firstSeed: seeds[0], lastSeed: seeds.at(-1), changedAfterStop: changed.length });
    expect(changed, changed.join("\n")).toEqual([]);
  });
});
