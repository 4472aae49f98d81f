import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { mergeRows } from "./merge-rows.ts";

describe("mergeRows", () => {
  it("merges rows into one update that keeps deleted content (gc off)", () => {
    const doc = new Y.Doc({ gc: false });
    const rows: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => rows.push(u));
    doc.getText("t").insert(0, "first draft");
    const draft = Y.snapshot(doc);
    doc.getText("t").delete(0, 6);
    const merged = new Y.Doc({ gc: false });
    Y.applyUpdate(merged, mergeRows(rows));
    expect(merged.getText("t").toString()).toBe("draft");
    expect(Y.createDocFromSnapshot(merged, draft).getText("t").toString()).toBe("first draft");
  });

  it("names the row that does not apply", () => {
    const good = Y.encodeStateAsUpdate(new Y.Doc());
    expect(() => mergeRows([good, new Uint8Array([255, 255, 255])])).toThrow(/stored update #1/);
  });
});
