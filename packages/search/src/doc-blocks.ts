/**
 * @module doc-blocks
 * The text of a Quire document as search sees it: one string per block (paragraph, heading,
 * list item, table cell…), in document order.
 *
 * Quire's editor (@lexical/yjs, collaboration v2) keeps the document under the top-level
 * `root-v2` XmlElement: one XmlElement per block whose children are XmlTexts (the text, with
 * embedded XmlElements for inline nodes) and nested XmlElements (list items, table rows).
 * A block's own text is the text directly inside it; nested blocks become blocks of their own.
 */
import * as Y from "yjs";

/** The top-level type @lexical/yjs v2 binds the editor to. */
export const ROOT_NAME = "root-v2";

/** Each non-empty block's text, in document order; [] for an empty or unknown doc. */
export function documentBlocks(doc: Y.Doc): string[] {
  // Reading must not create a type the doc lacks. A doc loaded from updates holds its
  // top-level types untyped until asked for by type: `getXmlElement` gives it its type.
  if (!doc.share.has(ROOT_NAME)) return [];
  let root: Y.XmlElement;
  try {
    root = doc.getXmlElement(ROOT_NAME);
  } catch {
    return []; // Defined as another type (not an editor document).
  }
  const blocks: string[] = [];
  collect(root, blocks);
  return blocks;
}

function collect(element: Y.XmlElement, blocks: string[]): void {
  let own = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      own += inlineText(child);
    } else if (child instanceof Y.XmlElement) {
      flush(own, blocks);
      own = "";
      collect(child, blocks);
    }
  }
  flush(own, blocks);
}

function inlineText(text: Y.XmlText): string {
  let out = "";
  for (const op of text.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === "string") out += op.insert;
    else if (op.insert instanceof Y.XmlElement) out += ` ${inlineOf(op.insert)} `;
  }
  return out;
}

/** Text inside an inline element (a link's label): its XmlText children. */
function inlineOf(element: Y.XmlElement): string {
  let out = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out += inlineText(child);
    else if (child instanceof Y.XmlElement) out += inlineOf(child);
  }
  return out;
}

function flush(text: string, blocks: string[]): void {
  const trimmed = text.trim();
  if (trimmed !== "") blocks.push(trimmed);
}
