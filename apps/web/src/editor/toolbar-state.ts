/**
 * @module toolbar-state
 * What the toolbar shows as active for the current selection (block type, text formats).
 * Read inside an editor read/update.
 */
import { $isCodeNode } from "@lexical/code";
import { $isLinkNode } from "@lexical/link";
import { $isListNode, ListNode } from "@lexical/list";
import { $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $getNearestNodeOfType } from "@lexical/utils";
import { $getSelection, $isRangeSelection, $isRootOrShadowRoot, type ElementNode } from "lexical";

export type BlockType = "paragraph" | "h1" | "h2" | "h3" | "quote" | "code" | "bullet" | "number" | "check";

export interface ToolbarState {
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  code: boolean;
  link: boolean;
}

export const EMPTY_TOOLBAR_STATE: ToolbarState = {
  block: "paragraph",
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  code: false,
  link: false,
};

/** Computes the toolbar state from the current selection. Call inside `editorState.read`. */
export function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return EMPTY_TOOLBAR_STATE;
  const anchor = selection.anchor.getNode();
  let top: ElementNode | null = anchor.getKey() === "root" ? null : (anchor.getTopLevelElement() as ElementNode | null);
  if (top === null || $isRootOrShadowRoot(top)) top = null;
  let block: BlockType = "paragraph";
  if (top !== null) {
    const list = $getNearestNodeOfType(anchor, ListNode);
    if ($isListNode(list)) {
      const type = list.getListType();
      block = type === "bullet" ? "bullet" : type === "number" ? "number" : "check";
    } else if ($isHeadingNode(top)) {
      const tag = top.getTag();
      block = tag === "h1" || tag === "h2" || tag === "h3" ? tag : "h3";
    } else if ($isQuoteNode(top)) block = "quote";
    else if ($isCodeNode(top)) block = "code";
  }
  const parent = anchor.getParent();
  return {
    block,
    bold: selection.hasFormat("bold"),
    italic: selection.hasFormat("italic"),
    underline: selection.hasFormat("underline"),
    strikethrough: selection.hasFormat("strikethrough"),
    code: selection.hasFormat("code"),
    link: $isLinkNode(parent) || $isLinkNode(anchor),
  };
}

/** True when both states show the same toolbar (so a re-render would change nothing). */
export function sameToolbarState(a: ToolbarState, b: ToolbarState): boolean {
  return (
    a.block === b.block &&
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strikethrough === b.strikethrough &&
    a.code === b.code &&
    a.link === b.link
  );
}
