/**
 * Crash durability, soak: SOAK_CRASH_SEEDS (default 10) seeds × 40 SIGKILLs under heavier load.
 * Replay: QUIRE_SOAK=1 SEED=<n> pnpm -s exec vitest run --project soak crash-durability
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { afterAll, describe, it } from "vitest";
import { recordFigures } from "./harness/report.ts";
import { type CrashRun, SOAK_CRASH, runCrashSeed } from "./scenarios/crash-durability.ts";

const plan = planSeeds(Number(process.env.SOAK_CRASH_SEEDS ?? 10), 70_000);
const runs: CrashRun[] = [];

const relay = useRelay({ env: { COMPACT_AFTER_UPDATES: "50" } });

afterAll(async () => {
  recordFigures("crash-durability-soak", {
    seeds: runs.length,
    sigkills: runs.reduce((s, r) => s + r.kills, 0),
    edits: runs.reduce((s, r) => s + r.edits, 0),
    ackedClocksChecked: runs.reduce((s, r) => s + r.ackedClocksChecked, 0),
    receivedDocsChecked: runs.reduce((s, r) => s + r.receivedDocsChecked, 0),
  });
});

describe("SIGKILL soak", () => {
  it.each(plan.seeds)("seed %i", async (seed) => {
    runs.push(await withReplay(seed, replayCommand("soak", "crash-durability", seed), () => runCrashSeed(relay, seed, SOAK_CRASH)));
  });
});
