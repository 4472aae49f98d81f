/**
 * Security review S1, fast slice: 40 s of seeded expensive-but-valid updates (many concurrent
 * inserts at one position, long formatting chains, interleaved deletes, cheap-looking updates
 * that add up) while honest pairs type on other docs. Every honest keystroke round trip p99 <
 * 250 ms; the max is reported and must stay far below the multi-second freeze of the finding.
 *
 * Why p99 and not max for the 250 ms bar: on this shared 2-core machine a single round trip
 * can be delayed by the test process's own GC or another job (the fuzzer's shapes are
 * generated in this process; round trips overlapping a generation are already left out). A
 * relay stall of the kind S1 describes (every room frozen for seconds) moves the p99 and the
 * max alike, so the max bar below still catches it.
 * Replay: SEED=<n> pnpm -s exec vitest run --project reliability expensive-update-fuzz
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { recordFigures } from "./harness/report.ts";
import { runExpensiveFuzz } from "./scenarios/expensive-update-fuzz.ts";

const P99_BAR_MS = 250;
/** Before the fix one shape froze every room for 15–20 s. */
const MAX_BAR_MS = 1_500;
const plan = planSeeds(1, 4_130);

const relay = useRelay();

describe("expensive-update fuzz (S1)", () => {
  for (const seed of plan.seeds) {
    it(`seed ${seed}: honest keystrokes on other docs stay fast while expensive updates arrive`, async () => {
      await withReplay(seed, replayCommand("reliability", "expensive-update-fuzz", seed), async () => {
        const result = await runExpensiveFuzz(relay, { seed, durationMs: 40_000, honestPairs: 3, keystrokeIntervalMs: 50 });
        recordFigures("expensive-update-fuzz", { ...result });
        expect(result.unexpectedCloses).toEqual([]);
        expect(result.honestCloses).toBe(0);
        expect(result.honestDiverged).toBe(0);
        expect(result.relayErrors).toBe(0);
        expect(result.shapes).toBeGreaterThan(5);
        expect(result.keystrokes).toBeGreaterThan(100);
        expect(result.p99Ms).toBeLessThan(P99_BAR_MS);
        expect(result.maxMs).toBeLessThan(MAX_BAR_MS);
      });
    }, 180_000);
  }
});
