/**
 * @module view-text
 * The document's text as the Yjs tree holds it (binding v2 layout: XmlElements whose children
 * are XmlTexts and nested XmlElements), in document order, without block separators — to
 * compare with the text of the editor's TextNodes.
 */
import * as Y from "yjs";

export function yTreeText(element: Y.XmlElement): string {
  let out = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) {
        if (typeof op.insert === "string") out += op.insert;
        else if (op.insert instanceof Y.XmlElement) out += yTreeText(op.insert);
      }
    } else if (child instanceof Y.XmlElement) {
      out += yTreeText(child);
    }
  }
  return out;
}
