/**
 * @module transfer-html
 * HTML export (a standalone page: the document's nodes through Lexical's own exportDOM, with
 * the title and a small print-friendly style) and import (sanitised DOM → Lexical nodes).
 */
import { $generateHtmlFromNodes, $generateNodesFromDOM } from "@lexical/html";
import { $createParagraphNode, $getRoot, $insertNodes, type LexicalEditor } from "lexical";
import { SAFE_LINK_REL } from "../editor/SafeLinksPlugin.tsx";
import type { DropReport } from "./drop-report.ts";
import { sanitizeHtml } from "./html-sanitize.ts";

const PAGE_STYLE = [
  "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}",
  "img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem}",
  "pre,code{font-family:ui-monospace,monospace;background:#f3f3f3}li[aria-checked]{list-style:none}",
  'li[aria-checked="true"]::before{content:"☑ "}li[aria-checked="false"]::before{content:"☐ "}',
].join("");

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A whole HTML page for the document (UTF-8, `lang` of the interface). */
export function exportHtml(editor: LexicalEditor, title: string, lang: string): string {
  const body = editor.read(() => $generateHtmlFromNodes(editor, null));
  // Links in the page open the same way they do in Quire (no window.opener).
  const withRel = body.replace(/<a /g, `<a rel="${SAFE_LINK_REL}" `);
  return [
    "<!doctype html>",
    `<html lang="${escapeText(lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeText(title)}</title><style>${PAGE_STYLE}</style></head>`,
    `<body>${withRel}</body>`,
    "</html>",
    "",
  ].join("\n");
}

/** Replaces `editor`'s content with the sanitised `html`; returns the page's title, if any. */
export function importHtmlInto(editor: LexicalEditor, html: string, report: DropReport): string {
  const { dom, title } = sanitizeHtml(html, report);
  editor.update(
    () => {
      const nodes = $generateNodesFromDOM(editor, dom);
      const root = $getRoot();
      root.clear();
      const first = $createParagraphNode();
      root.append(first);
      first.select();
      $insertNodes(nodes);
    },
    { discrete: true },
  );
  return title;
}
