/**
 * @module import-nodes
 * The last check on imported content, whatever the format: it runs on the Lexical nodes, so
 * it also covers what a transformer or a node's importDOM produced from markup the HTML
 * sanitiser let through. The same rules as typing and pasting in the editor:
 * - a link keeps only an http, https or mailto address (link-url.ts), else its text stays
 *   and the link goes;
 * - a picture is kept only as a PNG/JPEG/GIF/WebP data: URL within MAX_IMAGE_BYTES
 *   (image-file.ts), else it is removed;
 * - a picture inside a paragraph (Word and HTML put them there) becomes a block of its own,
 *   as the editor inserts pictures (and as Markdown writes them: one per line);
 * - text keeps its formats (bold, italic…) but no inline CSS (an imported `style` could hide
 *   text or load a URL).
 */
import { $isLinkNode } from "@lexical/link";
import { $getRoot, $isElementNode, $isParagraphNode, $isRootNode, $isTextNode, type LexicalNode } from "lexical";
import type { ImageNode } from "../editor/ImageNode.tsx";
import { $isImageNode } from "../editor/ImageNode.tsx";
import { isImageDataUrl, MAX_IMAGE_BYTES } from "../editor/image-file.ts";
import { isSafeLinkUrl } from "../editor/link-url.ts";
import type { DropReport } from "./drop-report.ts";

/** Bytes a base64 data: URL decodes to (without decoding it). */
export function dataUrlBytes(src: string): number {
  const comma = src.indexOf(",");
  const base64 = comma < 0 ? "" : src.slice(comma + 1);
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Why a picture source cannot be kept, or null when it can. */
export function pictureProblem(src: string): "picturesTooLarge" | "picturesUnsupported" | null {
  if (!isImageDataUrl(src)) return "picturesUnsupported";
  return dataUrlBytes(src) > MAX_IMAGE_BYTES ? "picturesTooLarge" : null;
}

/** Walks the whole tree of the active editor state; call inside `editor.update`. */
export function $sanitizeImportedTree(report: DropReport): void {
  const stack: LexicalNode[] = [...$getRoot().getChildren()];
  const pictures: ImageNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if ($isImageNode(node)) {
      const problem = pictureProblem(node.getSrc());
      if (problem !== null) {
        report[problem] += 1;
        node.remove();
      } else {
        pictures.push(node);
      }
      continue;
    }
    if ($isLinkNode(node) && !isSafeLinkUrl(node.getURL())) {
      report.unsafeLinks += 1;
      const children = node.getChildren();
      for (const child of children) node.insertBefore(child);
      node.remove();
      stack.push(...children);
      continue;
    }
    if ($isTextNode(node)) {
      if (node.getStyle() !== "") node.setStyle("");
      continue;
    }
    if ($isElementNode(node)) stack.push(...node.getChildren());
  }
  for (const picture of pictures) $liftPicture(picture);
}

/** Moves a picture out of a top-level paragraph, to just after it (or in its place if it was alone). */
function $liftPicture(picture: ImageNode): void {
  const paragraph = picture.getParent();
  if (!$isParagraphNode(paragraph) || !$isRootNode(paragraph.getParent())) return;
  paragraph.insertAfter(picture);
  if (paragraph.getTextContent().trim() === "" && paragraph.getChildren().every((child) => $isTextNode(child))) paragraph.remove();
}
