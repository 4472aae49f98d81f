import { describe, expect, it } from "vitest";
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import type { StoredVersion } from "@quire/storage";
import { autoId, parseAutoId, versionList } from "./version-list.ts";

const snap = new Uint8Array([0, 0]);
const record = (seq: number, userId: string): ProvenanceRecord => ({ seq, userId, name: userId.toUpperCase(), firstAt: seq * 10, lastAt: seq * 10, inserts: [], deletes: [], updates: 1, bytes: 1 });
const checkpoint = (seq: number, at: number): Checkpoint => ({ seq, at, snapshot: snap });
const stored = (id: string, seq: number, at: number, kind: StoredVersion["kind"] = "named"): StoredVersion => ({ id, kind, name: id, at, seq, userId: "t", userName: "T", snapshot: snap, contentHash: kind === "handin" ? "h" : null });

describe("versionList", () => {
  it("merges checkpoints and stored versions oldest first, with who took part since the previous one", () => {
    const records = [record(1, "ann"), record(2, "ben"), record(3, "ann"), record(4, "cat"), record(5, "ben")];
    const list = versionList([checkpoint(2, 25), checkpoint(4, 45)], [stored("v1", 3, 35), stored("v2", 5, 55, "handin")], records);
    expect(list.map((v) => [v.id, v.kind, v.by.map((b) => b.userId)])).toEqual([
      ["a2-25", "auto", ["ann", "ben"]],
      ["v1", "named", ["ann"]],
      ["a4-45", "auto", ["cat"]],
      ["v2", "handin", ["ben"]],
    ]);
    expect(list[3]?.contentHash).toBe("h");
    expect(list[0]?.by[0]).toEqual({ userId: "ann", name: "ANN" });
  });

  it("leaves out a checkpoint showing the same state as a stored version or an earlier checkpoint", () => {
    const list = versionList([checkpoint(1, 10), checkpoint(1, 20), checkpoint(2, 30)], [stored("v1", 2, 31)], [record(1, "ann"), record(2, "ann")]);
    expect(list.map((v) => v.id)).toEqual(["a1-10", "v1"]);
  });

  it("auto ids round-trip and nothing else parses as one", () => {
    expect(parseAutoId(autoId({ seq: 12, at: 1_700_000_000_000 }))).toEqual({ seq: 12, at: 1_700_000_000_000 });
    for (const id of ["v12", "a12", "a-1-2", "a1-2x", `a${"9".repeat(16)}-1`]) expect(parseAutoId(id)).toBeNull();
  });
});
