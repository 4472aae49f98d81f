/**
 * Load, fast slice: 200 clients over 50 docs typing at human speed for 20 s through one relay.
 * Zero lost updates, no relay error, peak RSS recorded (docs/reliability.md).
 */
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { MiB } from "./harness/proc-memory.ts";
import { recordFigures } from "./harness/report.ts";
import { runLoad } from "./scenarios/load.ts";

/** Far above what 50 small docs need; a leak of one doc per update would cross it. */
const RSS_CEILING_MIB = 768;

const relay = useRelay();

describe("load", () => {
  it("200 clients × 50 docs × 20 s: nothing lost, no relay error, memory bounded", async () => {
    const result = await runLoad(relay, { clients: 200, docs: 50, durationMs: 20_000, seed: 200 });
    recordFigures("load-fast", { ...result });
    expect(result.lostUpdates).toBe(0);
    expect(result.relayErrors).toBe(0);
    expect(result.maxClientsSeen).toBeGreaterThanOrEqual(200);
    expect(result.peakRssMiB * MiB).toBeLessThan(RSS_CEILING_MIB * MiB);
  }, 240_000);
});
