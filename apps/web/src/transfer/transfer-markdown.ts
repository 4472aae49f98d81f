/**
 * @module transfer-markdown
 * Markdown export and import for every node Quire has: the editor's shortcut transformers
 * (headings, quotes, lists, checklists, code, links, bold/italic/strike/code, horizontal
 * rule) plus pictures (`![alt](data:…)`, one per line), tables and underline (`<u>…</u>`, inline
 * HTML: Markdown has no mark of its own for it).
 */
import type { ElementTransformer, Transformer } from "@lexical/markdown";
import { $convertFromMarkdownString, $convertToMarkdownString } from "./markdown-converters.ts";
import { $getRoot, type LexicalEditor, type LexicalNode } from "lexical";
import { EDITOR_TRANSFORMERS } from "../editor/markdown-transformers.ts";
import { $createImageNode, $isImageNode, ImageNode } from "../editor/ImageNode.tsx";
import { tableTransformer } from "./table-markdown.ts";
import { UNDERLINE } from "./underline-markdown.ts";

/** A picture on a line of its own; its src is checked by the import's sanitising pass. */
const PICTURE: ElementTransformer = {
  dependencies: [ImageNode],
  export: (node: LexicalNode) => ($isImageNode(node) ? `![${node.__altText.replace(/[[\]]/g, "")}](${node.getSrc()})` : null),
  regExp: /^!\[([^\]]*)\]\(([^)\s]+)\)\s*$/,
  replace: (parent, _children, match) => {
    parent.replace($createImageNode(match[2] ?? "", match[1] ?? ""));
  },
  type: "element",
};

const TABLE = tableTransformer(() => TRANSFER_TRANSFORMERS);

/**
 * Order matters: pictures and tables before the paragraph-level defaults; underline before the
 * link, so an underlined link text is wrapped inside the link's brackets.
 */
export const TRANSFER_TRANSFORMERS: Transformer[] = [PICTURE, TABLE, UNDERLINE, ...EDITOR_TRANSFORMERS];

/** The whole document as Markdown. */
export function exportMarkdown(editor: LexicalEditor): string {
  return `${editor.read(() => $convertToMarkdownString(TRANSFER_TRANSFORMERS, $getRoot(), false))}\n`;
}

/** Replaces `editor`'s content with `markdown` (no sanitising here: see import-nodes.ts). */
export function importMarkdownInto(editor: LexicalEditor, markdown: string): void {
  editor.update(() => $convertFromMarkdownString(markdown.replace(/\r\n?/g, "\n").trimEnd(), TRANSFER_TRANSFORMERS, $getRoot(), false), { discrete: true });
}
