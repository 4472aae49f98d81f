import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { rangesToTriples } from "../syncfile/export-authors.ts";
import { splitByAuthor } from "./split-by-author.ts";

function docOf(client: number): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = client;
  return doc;
}

describe("splitByAuthor", () => {
  it("gives each author exactly her client ids' structs, and together they rebuild the update", () => {
    const ana = docOf(1);
    const ben = docOf(2);
    ana.getText("t").insert(0, "Ana writes. ");
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
    ben.getText("t").insert(12, "Ben adds. ");
    ben.getText("t").delete(0, 4); // Ben deletes "Ana "
    const update = Y.encodeStateAsUpdate(ben);
    const deletes = [{ client: 1, clock: 0, len: 4 }];
    const split = splitByAuthor(
      update,
      deletes,
      [
        { userId: "u_ana", name: "Ana", updates: 1, lastAt: 0, clients: [1] },
        { userId: "u_ben", name: "Ben", updates: 2, lastAt: 0, clients: [2], deletes: rangesToTriples(deletes) },
      ],
      null,
    );
    if (!split.ok) throw new Error(split.reason);
    expect(split.parts.map((p) => [p.userId, p.structRanges, p.deletes]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ["u_ana", [{ client: 1, clock: 0, len: 12 }], []],
      ["u_ben", [{ client: 2, clock: 0, len: 10 }], deletes],
    ]);
    // Applied in either order, the parts give the same document as the whole update.
    for (const order of [split.parts, [...split.parts].reverse()]) {
      const receiver = docOf(3);
      for (const part of order) Y.applyUpdate(receiver, part.update);
      expect(receiver.getText("t").toString()).toBe(ben.getText("t").toString());
    }
  });

  it("refuses structs nobody is named for, and a client id claimed by two authors", () => {
    const doc = docOf(5);
    doc.getText("t").insert(0, "x");
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitByAuthor(update, [], [], null)).toEqual({ ok: false, reason: "the file names no author for the changes of client id 5" });
    const twice = splitByAuthor(update, [], [
      { userId: "a", name: "A", updates: 1, lastAt: 0, clients: [5] },
      { userId: "b", name: "B", updates: 1, lastAt: 0, clients: [5] },
    ], null);
    expect(twice.ok).toBe(false);
    const fallback = splitByAuthor(update, [], [], { userId: "upstream", name: "School server" });
    expect(fallback.ok && fallback.parts.map((p) => p.userId)).toEqual(["upstream"]);
  });
});
