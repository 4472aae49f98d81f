/**
 * Randomized convergence, fast slice (≥ 50 seeds in `npm test`). See scenarios/convergence.ts.
 * Replay one seed: SEED=<n> pnpm -s exec vitest run --project reliability convergence
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { describeDoc, diffStates } from "./harness/doc-state.ts";
import { recordFigures } from "./harness/report.ts";
import { integrityCheck, readStoredDoc } from "./harness/stored-docs.ts";
import { type ConvergenceRun, FAST_CONVERGENCE, runConvergenceSeed, summarizeConvergence } from "./scenarios/convergence.ts";
import { CONVERGENCE_RELAY_ENV, REGRESSION_SEEDS } from "./scenarios/convergence-regressions.ts";

const plan = planSeeds(50, 1_000);
// A Set: a regression seed inside the planned range must not run twice on the same doc name.
const seeds = plan.replay ? plan.seeds : [...new Set([...REGRESSION_SEEDS, ...plan.seeds])];
const runs: ConvergenceRun[] = [];

const relay = useRelay({ env: CONVERGENCE_RELAY_ENV });

describe("convergence through the real relay", () => {
  it.each(seeds)("seed %i: replicas, a fresh client and the stored rows agree", async (seed) => {
    const run = await withReplay(seed, replayCommand("reliability", "convergence", seed), () =>
      runConvergenceSeed(relay, seed, FAST_CONVERGENCE),
    );
    runs.push(run);
  });

  it("after a clean stop, the SQLite file holds every seed's final doc and passes integrity_check", async () => {
    await relay.stop({ removeData: false });
    expect(integrityCheck(relay.dataDir)).toBe("ok");
    for (const run of runs) {
      const stored = readStoredDoc(relay.dataDir, run.docName);
      expect(diffStates(run.finalState, describeDoc(stored)), `seed ${run.seed}`).toBeNull();
      stored.destroy();
    }
    recordFigures("convergence-fast", summarizeConvergence(runs));
  });
});
