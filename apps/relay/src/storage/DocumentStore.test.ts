import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createQuireDoc } from "@quire/core";
import { DocumentStore } from "./DocumentStore.ts";
import { openDatabase } from "./open-database.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(): DocumentStore {
  const dir = mkdtempSync(join(tmpdir(), "quire-store-"));
  dirs.push(dir);
  return new DocumentStore(openDatabase(dir));
}

describe("DocumentStore", () => {
  it("compaction merges rows into one and keeps deleted content for history", () => {
    const s = store();
    const doc = createQuireDoc();
    doc.on("update", (update: Uint8Array) => s.append("w1/d1", [update]));
    const text = doc.getText("t");
    text.insert(0, "first draft");
    const draft = Y.snapshot(doc);
    text.delete(0, 6);
    text.insert(text.length, " and more");
    expect(s.count("w1/d1")).toBe(3);

    expect(s.compact("w1/d1")).toBe(3);
    expect(s.count("w1/d1")).toBe(1);
    const loaded = createQuireDoc();
    for (const update of s.load("w1/d1").updates) Y.applyUpdate(loaded, update);
    expect(loaded.getText("t").toString()).toBe("draft and more");
    // The deleted "first " is still there: the old snapshot can be rebuilt.
    expect(Y.createDocFromSnapshot(loaded, draft).getText("t").toString()).toBe("first draft");
    expect(s.compact("w1/d1")).toBe(0);
  });

  it("keeps docs apart and appends atomically", () => {
    const s = store();
    const a = createQuireDoc();
    a.getText("t").insert(0, "a");
    s.append("w1/a", [Y.encodeStateAsUpdate(a)]);
    expect(s.load("w1/b").updates).toHaveLength(0);
    expect(s.load("w1/a").updates).toHaveLength(1);
    expect(() => s.transaction(() => {
      s.append("w1/b", [new Uint8Array([1])]);
      throw new Error("boom");
    })).toThrow("boom");
    expect(s.load("w1/b").updates).toHaveLength(0);
  });

  it("records quarantined docs", () => {
    const s = store();
    expect(s.quarantineReason("w1/x")).toBeNull();
    s.quarantine("w1/x", "bad row");
    expect(s.quarantineReason("w1/x")).toBe("bad row");
  });
});

describe("DocumentStore.replaceUpTo", () => {
  it("keeps rows appended after the read and refuses when the read rows changed", () => {
    const s = store();
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (const ch of "abcd") doc.getText("t").insert(0, ch);
    s.append("w1/d", updates.slice(0, 3));
    const read = s.load("w1/d");
    s.append("w1/d", updates.slice(3));
    const merged = Y.mergeUpdates(read.updates);
    expect(s.replaceUpTo("w1/d", read.maxSeq, read.updates.length + 1, merged)).toBe(false);
    expect(s.count("w1/d")).toBe(4);
    expect(s.replaceUpTo("w1/d", read.maxSeq, read.updates.length, merged)).toBe(true);
    expect(s.count("w1/d")).toBe(2);
    const loaded = createQuireDoc();
    for (const u of s.load("w1/d").updates) Y.applyUpdate(loaded, u);
    expect(loaded.getText("t").toString()).toBe("dcba");
  });
});
