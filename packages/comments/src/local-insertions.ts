/**
 * @module local-insertions
 * Which text a local edit inserted, read from the Yjs events of its transaction (the editor
 * binding writes each edit as one transaction): in Suggesting mode every such range becomes
 * a proposed insertion (Suggestions.propose).
 *
 * Moving is not inserting: the editor splits a paragraph (Enter inside it) by deleting the
 * tail of its text and inserting a new paragraph holding that tail. So text inside newly
 * inserted paragraphs counts only when the transaction deleted no text; characters typed
 * into an existing run of text always count.
 */
import * as Y from "yjs";

export interface TextInsertion {
  type: Y.XmlText;
  from: number;
  to: number;
}

export function localInsertions(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): TextInsertion[] {
  const typed: TextInsertion[] = [];
  const added: TextInsertion[] = [];
  let deletedText = false;
  for (const event of events) {
    const target = event.target;
    let index = 0;
    for (const op of event.delta) {
      if (op.retain !== undefined) index += op.retain;
      else if (op.delete !== undefined) deletedText ||= target instanceof Y.XmlText;
      else if (typeof op.insert === "string") {
        if (target instanceof Y.XmlText) typed.push({ type: target, from: index, to: index + op.insert.length });
        index += op.insert.length;
      } else if (Array.isArray(op.insert)) {
        for (const child of op.insert) collectTexts(child, added);
        index += op.insert.length;
      } else index += 1;
    }
  }
  return deletedText ? typed : [...typed, ...added];
}

/** Every non-empty run of text in a newly inserted subtree, whole. */
function collectTexts(node: unknown, out: TextInsertion[]): void {
  if (node instanceof Y.XmlText) {
    if (node.length > 0) out.push({ type: node, from: 0, to: node.length });
  } else if (node instanceof Y.XmlElement) {
    for (const child of node.toArray()) collectTexts(child, out);
  }
}
