import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentBlocks, ROOT_NAME } from "./doc-blocks.ts";

/** A doc laid out as @lexical/yjs v2 writes it: blocks of XmlText, lists with nested items. */
function lexicalDoc(build: (root: Y.XmlElement) => void): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  build(doc.getXmlElement(ROOT_NAME));
  return doc;
}

function block(name: string, ...texts: string[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.insert(0, texts.map((t) => new Y.XmlText(t)));
  return element;
}

describe("documentBlocks", () => {
  it("gives each block's text in document order, nested list items as blocks of their own", () => {
    const doc = lexicalDoc((root) => {
      const list = new Y.XmlElement("list");
      list.insert(0, [block("listitem", "first item"), block("listitem", "second item")]);
      root.insert(0, [block("heading", "The river"), block("paragraph", "It floods ", "every spring."), list, block("paragraph", "   ")]);
    });
    expect(documentBlocks(doc)).toEqual(["The river", "It floods every spring.", "first item", "second item"]);
  });

  it("reads the label of an inline element (a link) inside the text", () => {
    const doc = lexicalDoc((root) => {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      p.insert(0, [text]);
      root.insert(0, [p]);
      const link = new Y.XmlElement("link");
      link.insert(0, [new Y.XmlText("the map")]);
      text.insert(0, "See ");
      text.insertEmbed(4, link);
      text.insert(5, "now");
    });
    expect(documentBlocks(doc)).toEqual(["See  the map now"]);
  });

  it("reads a doc loaded from its stored updates (top-level types not yet typed)", () => {
    const written = lexicalDoc((root) => root.insert(0, [block("paragraph", "stored text")]));
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(written));
    expect(documentBlocks(loaded)).toEqual(["stored text"]);
    const other = new Y.Doc();
    other.getText(ROOT_NAME).insert(0, "not an editor doc");
    expect(documentBlocks(other)).toEqual([]);
  });

  it("is empty for a doc without the editor's root (and does not create one)", () => {
    const doc = new Y.Doc();
    expect(documentBlocks(doc)).toEqual([]);
    expect(doc.share.has(ROOT_NAME)).toBe(false);
  });
});
