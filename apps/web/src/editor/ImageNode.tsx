/**
 * @module ImageNode
 * A picture stored inside the document (a data: URL), so it syncs with the doc and shows
 * offline. Remote peers can write any property through Yjs, so `src` is checked again when
 * rendered: only an image data: URL is ever put in an <img>.
 */
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";
import type { JSX } from "react";
import { t } from "../i18n/instance.ts";
import { isImageDataUrl } from "./image-file.ts";

export type SerializedImageNode = Spread<{ src: string; altText: string }, SerializedLexicalNode>;

export class ImageNode extends DecoratorNode<JSX.Element> {
  __src: string;
  __altText: string;

  static override getType(): string {
    return "quire-image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__altText, node.__key);
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    const src = typeof json.src === "string" && isImageDataUrl(json.src) ? json.src : "";
    return $createImageNode(src, typeof json.altText === "string" ? json.altText : "");
  }

  // Arguments are optional: the Yjs binding creates nodes without arguments, then copies the
  // synced properties onto them.
  constructor(src = "", altText = "", key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__altText = altText;
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), type: "quire-image", version: 1, src: this.__src, altText: this.__altText };
  }

  override exportDOM(): DOMExportOutput {
    const img = document.createElement("img");
    if (isImageDataUrl(this.__src)) img.src = this.__src;
    img.alt = this.__altText;
    return { element: img };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "editor-image";
    return span;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): boolean {
    return false;
  }

  getSrc(): string {
    return this.getLatest().__src;
  }

  override decorate(): JSX.Element {
    if (!isImageDataUrl(this.__src)) {
      return <span className="editor-image-missing">{t("editor.pictureMissing")}</span>;
    }
    return <img src={this.__src} alt={this.__altText} draggable={false} />;
  }
}

export function $createImageNode(src: string, altText: string): ImageNode {
  return $applyNodeReplacement(new ImageNode(src, altText));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
