/**
 * @module lexical-anchor
 * Converts between the editor's rendered text and Yjs positions in the `root-v2` tree that
 * @lexical/yjs's v2 binding keeps, so a comment can be anchored with relative positions and
 * painted back onto the page.
 *
 * The v2 binding mirrors Lexical's tree one to one, except that a run of adjacent TextNodes
 * is one XmlText (SyncV2.ts `normalizeNodeContent`; its own cursor code counts children the
 * same way). The binding's node↔type mapping is private, so positions are found by path:
 * the same child indexes lead from Lexical's root and from `root-v2` to the same place. A
 * path that no longer matches (the two trees mid-update) gives null: the anchor is skipped
 * until the next update, never guessed.
 *
 * Must run inside `editor.read()` / `editorState.read()` (the `$` functions).
 */
import { $getNearestNodeFromDOMNode, $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalEditor, type LexicalNode, type TextNode } from "lexical";
import type { PositionType } from "@quire/comments";
import * as Y from "yjs";

/** The Yjs children of an element as the v2 binding groups them: text runs are one child. */
function yChildren(element: ElementNode): (LexicalNode | TextNode[])[] {
  const out: (LexicalNode | TextNode[])[] = [];
  for (const child of element.getChildren()) {
    const last = out[out.length - 1];
    if ($isTextNode(child) && Array.isArray(last)) last.push(child);
    else out.push($isTextNode(child) ? [child] : child);
  }
  return out;
}

/** Index of `node` among its parent's Yjs children. */
function yIndexOf(node: LexicalNode): number {
  const parent = node.getParent();
  if (!parent) return -1;
  return yChildren(parent).findIndex((c) => (Array.isArray(c) ? c.some((t) => t.is(node)) : c.is(node)));
}

/** The XmlText and index of a point in a TextNode, or null if the trees do not match. */
export function $textPointToY(root: Y.XmlElement, node: TextNode, offset: number): { type: Y.XmlText; index: number } | null {
  const path: number[] = [];
  for (let el: LexicalNode | null = node.getParent(); el && el.getParent() !== null; el = el.getParent()) path.unshift(yIndexOf(el));
  let type: Y.XmlElement = root;
  for (const index of path) {
    const child = index >= 0 && index < type.length ? type.get(index) : undefined;
    if (!(child instanceof Y.XmlElement)) return null;
    type = child;
  }
  const at = yIndexOf(node);
  const text = at >= 0 && at < type.length ? type.get(at) : undefined;
  if (!(text instanceof Y.XmlText)) return null;
  let index = offset;
  for (let prev = node.getPreviousSibling(); $isTextNode(prev); prev = prev.getPreviousSibling()) index += prev.getTextContentSize();
  return { type: text, index };
}

/** The TextNode and offset of a DOM selection point inside the editor, or null. */
export function $domPointToText(editor: LexicalEditor, container: Node, offset: number): { node: TextNode; offset: number } | null {
  const root = editor.getRootElement();
  if (!root?.contains(container)) return null;
  let text: Text | null = null;
  let at = offset;
  if (container.nodeType === Node.TEXT_NODE) text = container as Text;
  else {
    // An element point: the text just after it, else the end of the text just before it.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const after = container.childNodes[offset];
    if (after) {
      walker.currentNode = after;
      text = after.nodeType === Node.TEXT_NODE ? (after as Text) : (walker.nextNode() as Text | null);
      at = 0;
    } else {
      walker.currentNode = container;
      let last: Text | null = null;
      for (let n = walker.nextNode(); n && container.contains(n); n = walker.nextNode()) last = n as Text;
      text = last;
      at = last?.length ?? 0;
    }
  }
  if (!text) return null;
  const node = $getNearestNodeFromDOMNode(text);
  return $isTextNode(node) ? { node, offset: Math.min(at, node.getTextContentSize()) } : null;
}

/**
 * The DOM text node and offset of position `index` in `type` (an XmlText under `root`), or
 * null when the Lexical tree does not have that place. `preferNext`: at the boundary between
 * two text nodes of a run, take the start of the next one (a range's start) rather than the
 * end of the previous one (a range's end).
 */
export function $yToDomPoint(editor: LexicalEditor, root: Y.XmlElement, type: PositionType, index: number, preferNext: boolean): [Text, number] | null {
  const path: number[] = [];
  for (let t: PositionType = type; t !== root; ) {
    const parent = t.parent;
    if (!(parent instanceof Y.XmlElement)) return null;
    path.unshift(parent.toArray().indexOf(t as Y.XmlElement | Y.XmlText));
    t = parent;
  }
  let element: ElementNode = $getRoot();
  for (let i = 0; i < path.length - 1; i++) {
    const child = yChildren(element)[path[i] as number];
    if (!child || Array.isArray(child) || !$isElementNode(child)) return null;
    element = child;
  }
  const run = yChildren(element)[path[path.length - 1] as number];
  if (!Array.isArray(run) || run.length === 0) return null;
  let rest = index;
  let i = 0;
  while (i + 1 < run.length && (rest > (run[i] as TextNode).getTextContentSize() || (preferNext && rest === (run[i] as TextNode).getTextContentSize()))) {
    rest -= (run[i] as TextNode).getTextContentSize();
    i++;
  }
  const node = run[i] as TextNode;
  const dom = editor.getElementByKey(node.getKey());
  if (!dom) return null;
  const text = dom.nodeType === Node.TEXT_NODE ? (dom as unknown as Text) : (document.createTreeWalker(dom, NodeFilter.SHOW_TEXT).nextNode() as Text | null);
  if (!text) return null;
  return [text, Math.min(rest, text.length)];
}
