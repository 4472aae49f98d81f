import { describe, expect, it } from "vitest";
import { byCause, findStalls } from "./profile-stalls.ts";

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber: 0 }, children });

/** root → (idle) | handleSync → compact → load; samples every 1 ms. */
const profile = {
  startTime: 1_000_000,
  nodes: [
    frame(1, "(root)", "", [2, 3]),
    frame(2, "(idle)", ""),
    frame(3, "handleSync", "file:///relay/dist/main.js", [4]),
    frame(4, "compact", "file:///relay/dist/main.js", [5]),
    frame(5, "load", "file:///relay/dist/main.js"),
  ],
  // 5 idle, 30 busy in compaction, 5 idle, 4 busy in handleSync (below the threshold).
  samples: [...Array(5).fill(2), ...Array(30).fill(5), ...Array(5).fill(2), ...Array(4).fill(3)],
  timeDeltas: Array(44).fill(1000),
};

describe("findStalls", () => {
  it("finds one busy stretch of 30 ms with the frames on its stack and its cause", () => {
    const stalls = findStalls(profile, 10);
    expect(stalls).toHaveLength(1);
    const [stall] = stalls;
    expect(stall?.durationMs).toBe(30);
    expect(stall?.startMono).toBeCloseTo(1_000 + 6, 0);
    expect(stall?.self[0]?.name).toMatch(/^load /);
    expect([...byCause(stalls).keys()]).toEqual(["compaction on the main thread (Compactor.compact → DocumentStore.load/replaceUpTo)"]);
  });

  it("lists the short stretch too when the threshold allows it", () => {
    expect(findStalls(profile, 3)).toHaveLength(2);
  });
});
