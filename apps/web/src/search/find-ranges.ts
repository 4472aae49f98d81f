/**
 * @module find-ranges
 * Where a query occurs in the rendered document, as DOM Ranges over the editor's text nodes,
 * block by block (a match never spans two paragraphs). Matching is @quire/search's `findAll`:
 * case and accents ignored. Read-only: the editor's DOM is Lexical's, so nothing here writes
 * to it — matches are painted with the CSS Custom Highlight API instead of wrapping elements.
 */
import { findAll } from "@quire/search";

/** Elements that start a block of their own in Quire's editor. */
const BLOCKS = "p,h1,h2,h3,h4,h5,h6,li,td,th,pre,blockquote";

export function findRanges(root: HTMLElement, query: string): Range[] {
  const ranges: Range[] = [];
  if (query.trim() === "") return ranges;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let block: Element | null = null;
  let nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement?.closest(BLOCKS) ?? root;
    if (owner !== block) {
      collect(nodes, query, ranges);
      block = owner;
      nodes = [];
    }
    nodes.push(node as Text);
  }
  collect(nodes, query, ranges);
  return ranges;
}

function collect(nodes: Text[], query: string, into: Range[]): void {
  if (nodes.length === 0) return;
  const starts: number[] = [];
  let text = "";
  for (const node of nodes) {
    starts.push(text.length);
    text += node.data;
  }
  for (const [start, end] of findAll(text, query)) {
    const range = nodes[0]!.ownerDocument.createRange();
    const [startNode, startOffset] = locate(nodes, starts, start, false);
    const [endNode, endOffset] = locate(nodes, starts, end, true);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    into.push(range);
  }
}

/** The text node and offset of `offset` in the block's text (an end prefers the earlier node). */
function locate(nodes: Text[], starts: number[], offset: number, isEnd: boolean): [Text, number] {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const start = starts[i]!;
    if (offset > start || (offset === start && !isEnd)) return [nodes[i]!, offset - start];
  }
  return [nodes[0]!, 0];
}
