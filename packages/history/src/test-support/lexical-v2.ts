/**
 * @module lexical-v2
 * Test docs written the way Quire's editor writes them (@lexical/yjs v2, CollaborationPluginV2):
 * a top-level `root-v2` XmlElement, one XmlElement per block (nodeName = Lexical type), one
 * XmlText per run of sibling text nodes, formats as text attributes (`p` holds the node's
 * non-default properties, e.g. `{ __format: 1 }` for bold). Plus a renderer that reads the doc
 * through plain Yjs APIs only, the independent oracle the tests compare the library against.
 */
import * as Y from "yjs";

export const ROOT = "root-v2";
export const BOLD = { p: { __format: 1 } };

export function root(doc: Y.Doc): Y.XmlElement {
  return doc.get(ROOT, Y.XmlElement) as Y.XmlElement;
}

/** Inserts a paragraph with `text` as block `index`. */
export function addParagraph(doc: Y.Doc, index: number, text = ""): Y.XmlText {
  const p = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  doc.transact(() => {
    root(doc).insert(index, [p]);
    p.insert(0, [t]);
    if (text) t.insert(0, text);
  });
  return t;
}

export function paragraphs(doc: Y.Doc): Y.XmlElement[] {
  return root(doc).toArray().filter((x): x is Y.XmlElement => x instanceof Y.XmlElement);
}

export function textOf(doc: Y.Doc, block: number): Y.XmlText {
  const p = paragraphs(doc)[block];
  const t = p?.toArray()[0];
  if (!(t instanceof Y.XmlText)) throw new Error(`block ${block} has no text`);
  return t;
}

/** Plain text the way versionText renders it: blocks joined by "\n". */
export function renderPlain(doc: Y.Doc): string {
  return paragraphs(doc)
    .map((p) =>
      p
        .toArray()
        .map((x) => (x instanceof Y.XmlText ? (x.toDelta() as { insert: string }[]).map((d) => d.insert).join("") : ""))
        .join(""),
    )
    .join("\n");
}

/**
 * Rich rendering: block names and attributes with their texts' deltas. Neighbouring delta ops
 * with equal attributes are joined: Yjs splits ops at every format item, even one that changes
 * nothing, and the editor shows such neighbours as one text node.
 */
export function renderRich(doc: Y.Doc): string {
  return JSON.stringify(
    paragraphs(doc).map((p) => [p.nodeName, p.getAttributes(), p.toArray().map((x) => (x instanceof Y.XmlText ? joinOps(x.toDelta()) : x.toJSON()))]),
  );
}

interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

function joinOps(ops: DeltaOp[]): DeltaOp[] {
  const out: DeltaOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && typeof last.insert === "string" && typeof op.insert === "string" && JSON.stringify(last.attributes) === JSON.stringify(op.attributes)) {
      last.insert += op.insert;
    } else out.push({ ...op });
  }
  return out;
}
