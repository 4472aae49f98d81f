/**
 * @module underline-markdown
 * Underline in Markdown as inline HTML, `<u>words</u>`: CommonMark has no underline mark but
 * allows raw inline HTML, and `<u>` is what Markdown editors (Typora, Obsidian, Pandoc's raw
 * HTML) write and render. Before this, a Markdown export silently dropped underline.
 *
 * The tags are written INSIDE the other marks (`**<u>bold underlined</u>**`): the bold of a run
 * that continues past the underlined part is closed after it, so the tags never cross
 * (`<u>**a</u>b**` would not import back). Inline code keeps no underline: a code span is
 * literal text, and tags around it would cross the marks of its neighbours.
 *
 * Only the import and export use this: typing `<u>` in the editor stays text.
 */
import type { TextMatchTransformer } from "@lexical/markdown";
import { $isTextNode, type LexicalNode, TextNode } from "lexical";

const OPEN = "<u>";
const CLOSE = "</u>";

export const UNDERLINE: TextMatchTransformer = {
  dependencies: [TextNode],
  export: (node: LexicalNode, _children, exportFormat) => {
    if (!$isTextNode(node) || !node.hasFormat("underline") || node.hasFormat("code")) return null;
    const text = node.getTextContent();
    // Whitespace outside the tags, so the marks around them stay flanking (CommonMark).
    const [, lead = "", core = "", trail = ""] = /^(\s*)(.*?)(\s*)$/s.exec(text) ?? [];
    if (core === "") return null;
    return exportFormat(node, `${lead}${OPEN}${core}${CLOSE}${trail}`);
  },
  importRegExp: /<u>(.+?)<\/u>/s,
  // Never matched while typing (the editor's shortcuts do not include this transformer).
  regExp: /<u>(.+?)<\/u>$/,
  replace: (textNode, match) => {
    textNode.setTextContent(match[1] ?? "");
    if (!textNode.hasFormat("underline")) textNode.toggleFormat("underline");
    // Returned so that marks inside the tags (`<u>**a**</u>` from other tools) import too.
    return textNode;
  },
  trigger: ">",
  type: "text-match",
};
