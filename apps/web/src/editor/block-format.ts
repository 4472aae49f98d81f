/**
 * @module block-format
 * Turns the selected blocks into paragraphs, headings, quotes, code blocks or lists — what the
 * toolbar's block menu and buttons do.
 */
import { $createCodeNode } from "@lexical/code";
import { INSERT_CHECK_LIST_COMMAND, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $createParagraphNode, $getSelection, type LexicalEditor } from "lexical";
import type { BlockType } from "./toolbar-state.ts";

/** Applies `target` to the selected blocks; choosing the current list type removes the list. */
export function applyBlockType(editor: LexicalEditor, current: BlockType, target: BlockType): void {
  if (target === "bullet" || target === "number" || target === "check") {
    if (current === target) {
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      return;
    }
    const command =
      target === "bullet" ? INSERT_UNORDERED_LIST_COMMAND : target === "number" ? INSERT_ORDERED_LIST_COMMAND : INSERT_CHECK_LIST_COMMAND;
    editor.dispatchCommand(command, undefined);
    return;
  }
  editor.update(() => {
    const selection = $getSelection();
    if (target === "paragraph" || current === target) $setBlocksType(selection, () => $createParagraphNode());
    else if (target === "quote") $setBlocksType(selection, () => $createQuoteNode());
    else if (target === "code") $setBlocksType(selection, () => $createCodeNode());
    else $setBlocksType(selection, () => $createHeadingNode(target));
  });
}
