import type { ProvenanceRecord } from "@quire/core";
import { describe, expect, it } from "vitest";
import type { VersionInfo } from "@quire/client";
import { activityBars, awayCompareFrom, diffCounts, legendOf, paragraphs, replayPositions, seqOfVersion, type Span, timelineGroups } from "./history-model.ts";

const MIN = 60_000;
const rec = (seq: number, userId: string, at: number, inserts: ProvenanceRecord["inserts"] = [], deletes: ProvenanceRecord["deletes"] = []): ProvenanceRecord => ({
  seq,
  userId,
  name: userId.toUpperCase(),
  firstAt: at,
  lastAt: at,
  inserts,
  deletes,
  updates: 1,
  bytes: 10,
});
const ana = { userId: "ana", name: "Ana" };
const ben = { userId: "ben", name: "Ben" };

describe("seqOfVersion", () => {
  const records = [rec(1, "ana", 100), rec(2, "ben", 200), rec(3, "ana", 300)];
  it("uses the relay's seq when it sends one", () => {
    expect(seqOfVersion({ at: 150, seq: 3 }, records)).toBe(3);
  });
  it("else the last record accepted by the version's time; before any, an empty doc", () => {
    expect(seqOfVersion({ at: 250 }, records)).toBe(2);
    expect(seqOfVersion({ at: 300 }, records)).toBe(3);
    expect(seqOfVersion({ at: 50 }, records)).toBe(0);
    expect(seqOfVersion({ at: 50 }, [])).toBe(0);
  });
});

describe("timelineGroups", () => {
  const v = (id: string, at: number): VersionInfo => ({ id, at, kind: "auto", by: [] });
  const sessions = [
    { start: 0, end: 5 * MIN, records: 3, users: [ana] },
    { start: 60 * MIN, end: 70 * MIN, records: 2, users: [ana, ben] },
  ];
  it("puts each version under the session it closes, newest first; keeps sessions with none and versions outside any", () => {
    const groups = timelineGroups([v("a", 5 * MIN), v("b", 14 * MIN), v("c", 40 * MIN), v("d", 71 * MIN)], sessions);
    expect(groups.map((g) => [g.session?.start ?? null, g.versions.map((x) => x.id)])).toEqual([
      [60 * MIN, ["d"]],
      [null, ["c"]],
      [0, ["b", "a"]],
    ]);
    expect(timelineGroups([], sessions).map((g) => g.versions.length)).toEqual([0, 0]);
  });
});

describe("paragraphs, legend, counts", () => {
  const runs: Span[] = [
    { kind: "same", text: "Intro ", author: ana, by: null },
    { kind: "inserted", text: "new\nline", author: ben, by: ben },
    { kind: "deleted", text: "old", author: ana, by: ben },
    { kind: "same", text: "\nEnd", author: ana, by: null },
  ];
  it("cuts runs into paragraphs at block starts, marking an inserted block start's paragraph", () => {
    const blocks = paragraphs(runs);
    expect(blocks.map((b) => [b.kind, b.spans.map((s) => `${s.kind}:${s.text}`)])).toEqual([
      ["same", ["same:Intro ", "inserted:new"]],
      ["inserted", ["inserted:line", "deleted:old"]],
      ["same", ["same:End"]],
    ]);
    expect(paragraphs([])).toEqual([{ kind: "same", spans: [] }]);
  });
  it("names every author and changer once, and counts changed characters without block starts", () => {
    expect(legendOf(runs)).toEqual([ana, ben]);
    expect(legendOf(runs.filter((r) => r.kind !== "same"))).toEqual([ben, ana]);
    expect(diffCounts(runs)).toEqual({ inserted: 7, deleted: 3, formatted: 0 });
  });
});

describe("activityBars", () => {
  it("sums a member's units into equal slices of the doc's life", () => {
    const records = [rec(1, "ana", 0, [{ client: 1, clock: 0, len: 5 }]), rec(2, "ben", 50, [{ client: 2, clock: 0, len: 3 }]), rec(3, "ana", 99, [], [{ client: 2, clock: 0, len: 2 }])];
    expect(activityBars(records, "ana", 4)).toEqual([5, 0, 0, 2]);
    expect(activityBars(records, "ben", 4)).toEqual([0, 0, 3, 0]);
    expect(activityBars([], "ana", 3)).toEqual([0, 0, 0]);
  });
});

describe("awayCompareFrom", () => {
  it("is the last record of the longest prefix the device had when it went offline", () => {
    const records = [
      rec(1, "ana", 1, [{ client: 1, clock: 0, len: 5 }]),
      rec(2, "ben", 2, [{ client: 2, clock: 0, len: 4 }]),
      rec(3, "ben", 3, [{ client: 2, clock: 4, len: 6 }]), // written while Ana was offline
      rec(4, "ana", 4, [{ client: 1, clock: 5, len: 3 }]), // Ana's catch-up
    ];
    expect(awayCompareFrom(records, new Map([[1, 5], [2, 4]]))).toBe(2);
    expect(awayCompareFrom(records, new Map())).toBe(0);
    expect(awayCompareFrom(records, new Map([[1, 8], [2, 10]]))).toBe(4);
  });
});

describe("replayPositions", () => {
  it("lists every record seq oldest first", () => {
    expect(replayPositions([rec(3, "a", 3), rec(1, "a", 1), rec(2, "a", 2)])).toEqual([1, 2, 3]);
  });
});
