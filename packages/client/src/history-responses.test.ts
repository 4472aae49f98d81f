import { describe, expect, it } from "vitest";
import { HISTORY_RESPONSE_LIMITS, parseContributions, parseCreatedVersion, parseHistoryBundle, parseNextPage, parseVersionList } from "./history-responses.ts";

const record = (seq: number, userId = "u_ana") => ({
  seq,
  userId,
  name: "Ana",
  firstAt: 1000 + seq,
  lastAt: 1000 + seq,
  inserts: [{ client: 7, clock: seq * 10, len: 10 }],
  deletes: [],
  updates: 1,
  bytes: 40,
});

describe("parseVersionList", () => {
  it("accepts the contract's shape, keeps seq and name, sorts oldest first, ignores extra fields", () => {
    const versions = parseVersionList({
      versions: [
        { id: "v2", at: 20, kind: "named", name: "First draft", seq: 4, by: [{ userId: "u_ana", name: "Ana" }], contentHash: "ab" },
        { id: "a1-10", at: 10, kind: "auto", by: [] },
      ],
    });
    expect(versions).toEqual([
      { id: "a1-10", at: 10, kind: "auto", by: [] },
      { id: "v2", at: 20, kind: "named", name: "First draft", seq: 4, by: [{ userId: "u_ana", name: "Ana" }] },
    ]);
  });

  it.each([
    ["not an object", null],
    ["no list", { versions: {} }],
    ["unknown kind", { versions: [{ id: "x", at: 1, kind: "deleted", by: [] }] }],
    ["negative time", { versions: [{ id: "x", at: -1, kind: "auto", by: [] }] }],
    ["fractional seq", { versions: [{ id: "x", at: 1, kind: "auto", seq: 1.5, by: [] }] }],
    ["empty id", { versions: [{ id: "", at: 1, kind: "auto", by: [] }] }],
    ["duplicate id", { versions: [{ id: "x", at: 1, kind: "auto", by: [] }, { id: "x", at: 2, kind: "auto", by: [] }] }],
    ["participant without id", { versions: [{ id: "x", at: 1, kind: "auto", by: [{ name: "Ana" }] }] }],
    ["name too long", { versions: [{ id: "x", at: 1, kind: "named", name: "n".repeat(HISTORY_RESPONSE_LIMITS.maxString + 1), by: [] }] }],
  ])("refuses %s", (_why, raw) => {
    expect(() => parseVersionList(raw)).toThrow(TypeError);
  });

  it("refuses a list longer than its bound", () => {
    const versions = Array.from({ length: HISTORY_RESPONSE_LIMITS.maxVersions + 1 }, (_, i) => ({ id: `v${i}`, at: i, kind: "auto", by: [] }));
    expect(() => parseVersionList({ versions })).toThrow(/more than/);
  });
});

describe("parseContributions", () => {
  const row = { userId: "u_ana", name: "Ana", inserted: 30, surviving: 20, deletedByThem: 5, removedByOthers: 10, sessions: 2, firstEditAt: 1, lastEditAt: 9 };

  it("reads the contract's fields and the optional offline and paste figures", () => {
    expect(parseContributions({ users: [row] })).toEqual([{ ...row, offlineRecords: 0, offlineInserted: 0, pastes: [] }]);
    const full = { ...row, offlineRecords: 1, offlineInserted: 12, pastes: [{ seq: 3, at: 5, chars: 140 }] };
    expect(parseContributions({ users: [full] })).toEqual([full]);
    expect(parseContributions({ users: [{ ...row, firstEditAt: null, lastEditAt: null }] })[0]).toMatchObject({ firstEditAt: null, lastEditAt: null });
  });

  it.each([
    ["a missing figure", { ...row, surviving: undefined }],
    ["a negative figure", { ...row, inserted: -1 }],
    ["a string figure", { ...row, sessions: "2" }],
    ["a malformed paste", { ...row, pastes: [{ seq: 1, at: 2 }] }],
  ])("refuses %s", (_why, bad) => {
    expect(() => parseContributions({ users: [bad] })).toThrow(TypeError);
  });
});

describe("parseHistoryBundle", () => {
  it("reads records, bindings (list or map) and checkpoints", () => {
    const bundle = parseHistoryBundle({
      records: [record(1), record(2, "u_ben")],
      bindings: [{ client: 7, userId: "u_ana", name: "Ana" }],
      checkpoints: [{ seq: 2, at: 1002, snapshot: "ignored" }],
      next: null,
    });
    expect(bundle.records.map((r) => r.seq)).toEqual([1, 2]);
    expect(bundle.bindings.get(7)).toEqual({ userId: "u_ana", name: "Ana" });
    expect(bundle.checkpoints).toEqual([{ seq: 2, at: 1002 }]);
    const keyed = parseHistoryBundle({ records: [], bindings: { "9": { userId: "u_cy", name: "Cy" } } });
    expect(keyed.bindings.get(9)).toEqual({ userId: "u_cy", name: "Cy" });
  });

  it.each([
    ["records that are not a list", { records: {} }],
    ["a record with a malformed range", { records: [{ ...record(1), inserts: [{ client: 1, clock: 0, len: 0 }] }] }],
    ["duplicate record seqs", { records: [record(1), record(1)] }],
    ["a binding with no client id", { records: [], bindings: [{ userId: "u", name: "n" }] }],
    ["a client id past 32 bits", { records: [], bindings: [{ client: 2 ** 32, userId: "u", name: "n" }] }],
    ["a checkpoint without seq", { records: [], checkpoints: [{ at: 1 }] }],
  ])("refuses %s", (_why, raw) => {
    expect(() => parseHistoryBundle(raw)).toThrow(TypeError);
  });

  it("reads a page's next seq", () => {
    expect(parseNextPage({ next: null })).toBeNull();
    expect(parseNextPage({})).toBeNull();
    expect(parseNextPage({ next: 20 })).toBe(20);
    expect(() => parseNextPage({ next: "20" })).toThrow(TypeError);
  });
});

describe("parseCreatedVersion", () => {
  it("reads the id and refuses anything else", () => {
    expect(parseCreatedVersion({ id: "v1", contentHash: "ab" })).toBe("v1");
    expect(() => parseCreatedVersion({ id: 1 })).toThrow(TypeError);
    expect(() => parseCreatedVersion([])).toThrow(TypeError);
  });
});
