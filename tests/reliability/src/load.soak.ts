/**
 * Load, soak: 200 clients × 50 docs typing for SOAK_LOAD_SECONDS (default 300 s).
 */
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { recordFigures } from "./harness/report.ts";
import { runLoad } from "./scenarios/load.ts";

const relay = useRelay();

describe("load soak", () => {
  it("200 clients × 50 docs: nothing lost, no relay error, memory bounded", async () => {
    const seconds = Number(process.env.SOAK_LOAD_SECONDS ?? 300);
    const result = await runLoad(relay, { clients: 200, docs: 50, durationMs: seconds * 1000, seed: 2_000 });
    recordFigures("load-soak", { ...result });
    expect(result.lostUpdates).toBe(0);
    expect(result.relayErrors).toBe(0);
    expect(result.peakRssMiB).toBeLessThan(768);
  });
});
