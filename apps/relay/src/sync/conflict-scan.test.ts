import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { conflictScanSteps } from "./conflict-scan.ts";

/** The structs of the update `edit` makes on a copy of `base` (with client id `client`). */
function editStructs(base: Y.Doc, client: number, edit: (doc: Y.Doc) => void) {
  const copy = new Y.Doc({ gc: false });
  copy.clientID = client;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return Y.decodeUpdate(update).structs;
}

function docWith(client: number, edit: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = client;
  edit(doc);
  return doc;
}

describe("conflictScanSteps", () => {
  it("is 0 for honest typing: in the middle of a word, at the start, at the end, after deletes", () => {
    const doc = docWith(1, (d) => {
      d.getText("t").insert(0, "hello world");
      d.getText("t").delete(2, 3);
    });
    for (const at of [0, 3, 5, doc.getText("t").length]) {
      expect(conflictScanSteps(doc, editStructs(doc, 2, (d) => d.getText("t").insert(at, "x")), 1000)).toBe(0);
    }
  });

  it("counts the concurrent items an insert at their position walks over, up to the cap", () => {
    const doc = docWith(1, (d) => {
      for (let i = 0; i < 5_000; i++) d.getText("t").insert(0, "x");
    });
    // A fresh client's insert at position 0 (origin and right origin null) walks the list.
    const fresh = new Y.Doc();
    fresh.clientID = 9;
    fresh.getText("t").insert(0, "y");
    const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(fresh)).structs;
    expect(conflictScanSteps(doc, structs, 1_000)).toBe(1_000);
    expect(conflictScanSteps(doc, structs, 100_000)).toBe(5_000);
  });

  it("counts the earlier values of a map key an entry with no origin walks back over", () => {
    // Values from 300 clients, each overwriting the last (one client's would merge into one item).
    const doc = new Y.Doc({ gc: false });
    for (let i = 0; i < 300; i++) {
      const writer = new Y.Doc({ gc: false });
      writer.clientID = 100 + i;
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(writer);
      writer.getMap("m").set("k", i);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, before));
      writer.destroy();
    }
    const fresh = new Y.Doc();
    fresh.clientID = 9;
    fresh.getMap("m").set("k", "mine");
    expect(conflictScanSteps(doc, Y.decodeUpdate(Y.encodeStateAsUpdate(fresh)).structs, 1_000)).toBe(300);
  });

  it("is 0 for structs whose origin is not in the doc (their walk is over the update's own items)", () => {
    const doc = new Y.Doc({ gc: false });
    const other = docWith(3, (d) => d.getText("t").insert(0, "abc"));
    expect(conflictScanSteps(doc, Y.decodeUpdate(Y.encodeStateAsUpdate(other)).structs.slice(1), 1_000)).toBe(0);
  });
});
