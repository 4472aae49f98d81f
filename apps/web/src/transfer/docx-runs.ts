/**
 * @module docx-runs
 * The inline content of one block as DOCX runs: text with its formats, links, line breaks,
 * tabs and pictures. Works on the serialized editor state (plain JSON), not on Lexical nodes:
 * this chunk must not import Lexical, or the bundler splits Lexical out of the editor chunk
 * into a shared one, which costs the first load 5.6 KB (see load-transfer.ts).
 */
import { ExternalHyperlink, ImageRun, type ParagraphChild, TextRun } from "docx";
import { isImageDataUrl } from "../editor/image-file.ts";
import { isSafeLinkUrl } from "../editor/link-url.ts";
import { dataUrlToBytes, pictureSize } from "./image-size.ts";

/** A node of `editor.getEditorState().toJSON()`: only the fields this export reads. */
export interface JsonNode {
  type: string;
  children?: JsonNode[];
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
  checked?: boolean;
  url?: string;
  src?: string;
  altText?: string;
  headerState?: number;
}

/** Lexical's TextNode format bits (lexical/LexicalConstants IS_BOLD…). */
const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const UNDERLINE = 8;
const CODE = 16;
const SUBSCRIPT = 32;
const SUPERSCRIPT = 64;

/** Widest picture in the page: A4 minus Word's default margins is ~6.3 in = 605 px at 96 dpi. */
const MAX_PICTURE_WIDTH_PX = 600;

export const CODE_FONT = "Courier New";

function textRun(node: JsonNode, extra: { style?: string; code?: boolean } = {}): TextRun {
  const format = typeof node.format === "number" ? node.format : 0;
  const code = extra.code === true || (format & CODE) !== 0;
  return new TextRun({
    text: node.text ?? "",
    bold: (format & BOLD) !== 0,
    italics: (format & ITALIC) !== 0,
    strike: (format & STRIKE) !== 0,
    ...((format & UNDERLINE) !== 0 ? { underline: {} } : {}),
    ...((format & SUBSCRIPT) !== 0 ? { subScript: true } : {}),
    ...((format & SUPERSCRIPT) !== 0 ? { superScript: true } : {}),
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

const isText = (node: JsonNode) => node.type === "text" || node.type === "code-highlight";

/** Runs for the children of a block (a paragraph, heading, list item, cell…). */
export function inlineRuns(children: readonly JsonNode[] = [], options: { code?: boolean } = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const child of children) {
    if (child.type === "link" || child.type === "autolink") {
      const inner = (child.children ?? []).filter(isText).map((text) => textRun(text, { style: "Hyperlink" }));
      const url = child.url ?? "";
      if (isSafeLinkUrl(url)) runs.push(new ExternalHyperlink({ link: url, children: inner }));
      else runs.push(...inner);
    } else if (child.type === "tab") {
      runs.push(new TextRun({ text: "\t", ...(options.code ? { font: CODE_FONT } : {}) }));
    } else if (isText(child)) {
      runs.push(textRun(child, options));
    } else if (child.type === "linebreak") {
      runs.push(new TextRun({ text: "", break: 1 }));
    } else if (child.type === "quire-image") {
      const run = pictureRun(child.src ?? "", child.altText ?? "");
      if (run) runs.push(run);
    } else if (child.children) {
      runs.push(...inlineRuns(child.children, options));
    }
  }
  return runs;
}
