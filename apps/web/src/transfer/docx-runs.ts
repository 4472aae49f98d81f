/**
 * @module docx-runs
 * The inline content of one Lexical block as DOCX runs: text with its formats, links,
 * line breaks, tabs and pictures.
 */
import { $isLinkNode } from "@lexical/link";
import { ExternalHyperlink, ImageRun, type ParagraphChild, TextRun } from "docx";
import { $isElementNode, $isLineBreakNode, $isTabNode, $isTextNode, type LexicalNode, type TextNode } from "lexical";
import { $isImageNode } from "../editor/ImageNode.tsx";
import { isImageDataUrl } from "../editor/image-file.ts";
import { isSafeLinkUrl } from "../editor/link-url.ts";
import { dataUrlToBytes, pictureSize } from "./image-size.ts";

/** Widest picture in the page: A4 minus Word's default margins is ~6.3 in = 605 px at 96 dpi. */
const MAX_PICTURE_WIDTH_PX = 600;

export const CODE_FONT = "Courier New";

function textRun(node: TextNode, extra: { style?: string; code?: boolean } = {}): TextRun {
  const code = extra.code === true || node.hasFormat("code");
  return new TextRun({
    text: node.getTextContent(),
    bold: node.hasFormat("bold"),
    italics: node.hasFormat("italic"),
    strike: node.hasFormat("strikethrough"),
    ...(node.hasFormat("underline") ? { underline: {} } : {}),
    ...(node.hasFormat("subscript") ? { subScript: true } : {}),
    ...(node.hasFormat("superscript") ? { superScript: true } : {}),
    ...(code ? { font: CODE_FONT } : {}),
    ...(extra.style ? { style: extra.style } : {}),
  });
}

/** A picture as an ImageRun, or null when it is not a PNG/JPEG/GIF Word can hold (WebP). */
export function pictureRun(src: string, altText: string): ImageRun | null {
  if (!isImageDataUrl(src)) return null;
  const type = /^data:image\/(png|jpeg|gif)/.exec(src)?.[1];
  if (type === undefined) return null;
  const data = dataUrlToBytes(src);
  const size = pictureSize(data);
  if (size === null) return null;
  const scale = Math.min(1, MAX_PICTURE_WIDTH_PX / size.width);
  return new ImageRun({
    type: type === "jpeg" ? "jpg" : (type as "png" | "gif"),
    data,
    transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
    altText: { name: altText || "picture", description: altText, title: altText },
  });
}

/** Runs for the children of an element (a paragraph, heading, list item, cell…). */
export function $inlineRuns(children: LexicalNode[], options: { code?: boolean } = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const child of children) {
    if ($isLinkNode(child)) {
      const inner = child.getChildren().filter($isTextNode).map((text) => textRun(text, { style: "Hyperlink" }));
      if (isSafeLinkUrl(child.getURL())) runs.push(new ExternalHyperlink({ link: child.getURL(), children: inner }));
      else runs.push(...inner);
    } else if ($isTabNode(child)) {
      runs.push(new TextRun({ text: "\t", ...(options.code ? { font: CODE_FONT } : {}) }));
    } else if ($isTextNode(child)) {
      runs.push(textRun(child, options));
    } else if ($isLineBreakNode(child)) {
      runs.push(new TextRun({ text: "", break: 1 }));
    } else if ($isImageNode(child)) {
      const run = pictureRun(child.getSrc(), child.__altText);
      if (run) runs.push(run);
    } else if ($isElementNode(child)) {
      runs.push(...$inlineRuns(child.getChildren(), options));
    }
  }
  return runs;
}
