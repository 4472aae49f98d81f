/**
 * Security review S1, soak: the expensive-update fuzzer for SOAK_EXPENSIVE_SECONDS (default
 * 600 s, the acceptance minimum) against one relay, same bars as the fast slice.
 * Replay: QUIRE_SOAK=1 SEED=<n> pnpm -s exec vitest run --project soak expensive-update-fuzz
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { recordFigures } from "./harness/report.ts";
import { runExpensiveFuzz } from "./scenarios/expensive-update-fuzz.ts";

const SECONDS = Number(process.env.SOAK_EXPENSIVE_SECONDS ?? 600);
const plan = planSeeds(1, 413_000);

const relay = useRelay();

describe("expensive-update fuzz soak (S1)", () => {
  for (const seed of plan.seeds) {
    it(`seed ${seed}: ${SECONDS} s of expensive updates, honest keystrokes stay fast`, async () => {
      await withReplay(seed, replayCommand("soak", "expensive-update-fuzz", seed), async () => {
        const result = await runExpensiveFuzz(relay, { seed, durationMs: SECONDS * 1000, honestPairs: 3, keystrokeIntervalMs: 50 });
        recordFigures("expensive-update-fuzz-soak", { ...result, seconds: SECONDS });
        expect(result.unexpectedCloses).toEqual([]);
        expect(result.honestCloses).toBe(0);
        expect(result.honestDiverged).toBe(0);
        expect(result.relayErrors).toBe(0);
        expect(result.p99Ms).toBeLessThan(250);
        expect(result.maxMs).toBeLessThan(1_500);
      });
    }, (SECONDS + 300) * 1000);
  }
});
