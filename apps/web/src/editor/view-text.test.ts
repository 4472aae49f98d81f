import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yTreeText } from "./view-text.ts";

describe("yTreeText", () => {
  it("concatenates text in document order through nested elements and embeds", () => {
    const doc = new Y.Doc();
    const root = doc.get("root-v2", Y.XmlElement);
    const p1 = new Y.XmlElement("paragraph");
    const t1 = new Y.XmlText();
    const p2 = new Y.XmlElement("paragraph");
    const t2 = new Y.XmlText();
    const link = new Y.XmlElement("link");
    const t3 = new Y.XmlText();
    root.insert(0, [p1, p2]);
    p1.insert(0, [t1]);
    t1.insert(0, "Hello ");
    t1.format(0, 5, { b: true });
    p2.insert(0, [t2, link]);
    t2.insert(0, "see ");
    link.insert(0, [t3]);
    t3.insert(0, "this");
    expect(yTreeText(root)).toBe("Hello see this");
  });
  it("is empty for an empty doc", () => {
    expect(yTreeText(new Y.Doc().get("root-v2", Y.XmlElement))).toBe("");
  });
});
