import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import { createRandom, planSeeds, replayCommand, seededRandom, withReplay } from "./seeded-random.ts";

describe("seeded random", () => {
  it("one seed gives one sequence; another seed another", () => {
    const take = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 5 }, () => next());
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    for (const x of take(9)) expect(x >= 0 && x < 1).toBe(true);
    expect(prng.int32(createRandom(3), 0, 1_000_000)).toBe(prng.int32(createRandom(3), 0, 1_000_000));
  });

  it("SEED replays one seed; SEED_BASE moves the planned range; bad values are refused", () => {
    expect(planSeeds(3, 100, {})).toEqual({ seeds: [100, 101, 102], replay: false });
    expect(planSeeds(3, 100, { SEED: "42" })).toEqual({ seeds: [42], replay: true });
    expect(planSeeds(2, 100, { SEED_BASE: "5" })).toEqual({ seeds: [5, 6], replay: false });
    expect(() => planSeeds(1, 0, { SEED: "x" })).toThrow(/SEED must be an integer/);
  });

  it("a failure carries the seed and the command that replays it", async () => {
    const command = replayCommand("reliability", "convergence", 17);
    expect(command).toBe("SEED=17 pnpm -s exec vitest run --project reliability convergence");
    expect(replayCommand("soak", "load", 1)).toMatch(/^QUIRE_SOAK=1 SEED=1 /);
    const failing = withReplay(17, command, async () => {
      throw new Error("diverged");
    });
    await expect(failing).rejects.toThrow(/seed 17 failed — replay with:\n {2}SEED=17 .*\ndiverged/);
  });
});
