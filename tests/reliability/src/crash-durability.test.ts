/**
 * Crash durability, fast slice: SIGKILL under load at seeded moments, nothing acknowledged
 * lost, SQLite intact. Replay: SEED=<n> pnpm -s exec vitest run --project reliability crash-durability
 */
import { planSeeds, replayCommand, useRelay, withReplay } from "@quire/testkit";
import { afterAll, describe, it } from "vitest";
import { recordFigures } from "./harness/report.ts";
import { type CrashRun, FAST_CRASH, runCrashSeed } from "./scenarios/crash-durability.ts";

const plan = planSeeds(3, 7_000);
const runs: CrashRun[] = [];

const relay = useRelay({ env: { COMPACT_AFTER_UPDATES: "50" } });

afterAll(async () => {
  if (runs.length > 0) {
    recordFigures("crash-durability-fast", {
      seeds: runs.length,
      sigkills: runs.reduce((s, r) => s + r.kills, 0),
      edits: runs.reduce((s, r) => s + r.edits, 0),
      ackedClocksChecked: runs.reduce((s, r) => s + r.ackedClocksChecked, 0),
      receivedDocsChecked: runs.reduce((s, r) => s + r.receivedDocsChecked, 0),
    });
  }
});

describe("SIGKILL under load", () => {
  it.each(plan.seeds)("seed %i: nothing acknowledged or received is lost, integrity_check ok", async (seed) => {
    runs.push(
      await withReplay(seed, replayCommand("reliability", "crash-durability", seed), () => runCrashSeed(relay, seed, FAST_CRASH)),
    );
  });
});
