import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { typeTextRoots } from "./text-roots.ts";

describe("typeTextRoots", () => {
  it("gives a bare text root the Y.Text class and leaves maps, arrays and XML roots bare", () => {
    const source = new Y.Doc({ gc: false });
    source.getText("t").insert(0, "hello");
    source.getText("t").format(0, 2, { bold: true });
    source.getText("t").delete(4, 1);
    source.getMap("m").set("k", 1);
    source.getArray("a").insert(0, [1, 2]);
    source.getXmlFragment("x").insert(0, [new Y.XmlElement("p")]);
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    typeTextRoots(doc);
    expect(doc.share.get("t")).toBeInstanceOf(Y.Text);
    expect(doc.getText("t").toString()).toBe("hell");
    for (const name of ["m", "a", "x"]) expect(doc.share.get(name)?.constructor).toBe(Y.AbstractType);
  });
});
