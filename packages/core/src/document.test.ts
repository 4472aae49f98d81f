import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createQuireDoc, mergeStoredUpdates, stateVectorCovers } from "./document.ts";

describe("createQuireDoc", () => {
  it("keeps deleted content (gc off) so history can be read back", () => {
    const doc = createQuireDoc();
    const text = doc.getText("t");
    text.insert(0, "draft sentence");
    const before = Y.snapshot(doc);
    text.delete(0, 6);
    expect(text.toString()).toBe("sentence");
    const past = Y.createDocFromSnapshot(doc, before);
    expect(past.getText("t").toString()).toBe("draft sentence");
  });
});

describe("mergeStoredUpdates", () => {
  it("merges updates into one that restores the same content and history", () => {
    const doc = createQuireDoc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const text = doc.getText("t");
    text.insert(0, "abc");
    text.insert(3, "def");
    text.delete(1, 2);
    const merged = mergeStoredUpdates(updates);
    const copy = createQuireDoc();
    Y.applyUpdate(copy, merged);
    expect(copy.getText("t").toString()).toBe("adef");
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
  });
});

describe("stateVectorCovers", () => {
  it("compares per-client clocks", () => {
    expect(stateVectorCovers(new Map([[1, 5]]), new Map([[1, 5]]))).toBe(true);
    expect(stateVectorCovers(new Map([[1, 4]]), new Map([[1, 5]]))).toBe(false);
    expect(stateVectorCovers(new Map([[1, 5]]), new Map([[2, 1]]))).toBe(false);
    expect(stateVectorCovers(new Map(), new Map())).toBe(true);
  });
});
