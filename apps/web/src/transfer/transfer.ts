/**
 * @module transfer
 * Export and import. Markdown and HTML conversion live in the editor chunk (they need only
 * Lexical, which is there); DOCX export (`docx`), DOCX import (`mammoth`) and zips (`fflate`)
 * are chunks of their own, loaded only when used (see load-transfer.ts for why this split).
 *
 * Import invariant: a file is read, converted and sanitised completely into an editor state
 * BEFORE anything is created; the caller creates the document only from a ParsedImport, so a
 * refused file (ImportError) leaves nothing half-made.
 */
import { zipSync } from "fflate";
import { $getRoot, $isElementNode, $isLineBreakNode, $isParagraphNode, $isTextNode, type LexicalNode, type SerializedEditorState } from "lexical";
import type * as Y from "yjs";
import type { AuthorshipAppendix } from "./authorship-appendix.ts";
import { $appendAuthorship } from "./authorship-nodes.ts";
import { type DropReport, emptyReport } from "./drop-report.ts";
import { fileNameFor, titleFromFileName, uniqueNames } from "./file-name.ts";
import { createHeadlessEditor, readDoc } from "./headless-editor.ts";
import { ImportError } from "./import-error.ts";
import { $sanitizeImportedTree } from "./import-nodes.ts";
import { exportHtml, importHtmlInto } from "./transfer-html.ts";
import { exportMarkdown, importMarkdownInto } from "./transfer-markdown.ts";
import { MAX_IMPORT_FILE_BYTES } from "./transfer-limits.ts";

export { writeDoc } from "./headless-editor.ts";
export { ImportError } from "./import-error.ts";
export type { DropReport } from "./drop-report.ts";

/**
 * Fetches the Word chunks in the background, so that once any export/import control has been
 * opened online, Word export and import also work offline (the service worker keeps them).
 */
export function warmWordChunks(): void {
  void import("./docx-export.ts").catch(() => undefined);
  void import("./docx-import.ts").catch(() => undefined);
}

export type ExportFormat = "docx" | "md" | "html";
export type ZipFormat = "docx" | "md";

const MIME: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown;charset=utf-8",
  html: "text/html;charset=utf-8",
};

/** Bytes, not a Blob: the caller makes the download; tests read them without a DOM. */
export interface ExportedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * One document (its Yjs doc as it is now) as a file, with the "Who wrote this" appendix at the
 * end when given one (authorship-appendix.ts; added to the export's copy, not to the doc).
 */
export async function exportDocument(doc: Y.Doc, title: string, format: ExportFormat, lang: string, appendix?: AuthorshipAppendix): Promise<ExportedFile> {
  const editor = readDoc(doc);
  if (appendix) editor.update(() => $appendAuthorship(appendix), { discrete: true });
  const name = fileNameFor(title, format);
  if (format === "docx") {
    const { exportDocx } = await import("./docx-export.ts");
    return { name, type: MIME.docx, bytes: await exportDocx(editor.getEditorState().toJSON(), title) };
  }
  const text = format === "md" ? exportMarkdown(editor) : exportHtml(editor, title, lang);
  return { name, type: MIME[format], bytes: new TextEncoder().encode(text) };
}

/**
 * Several documents as one zip (named by the caller) (not recompressed: DOCX is a zip already, Markdown is small).
 * `docs` is read one at a time through `load`, so a workspace of large documents is never
 * all in memory as Yjs docs at once.
 */
export async function exportZip(
  docs: readonly { id: string; title: string }[],
  load: (id: string) => Promise<Y.Doc>,
  format: ZipFormat,
  lang: string,
): Promise<ExportedFile> {
  const names = uniqueNames(docs.map((d) => fileNameFor(d.title, format)));
  const files: Record<string, Uint8Array> = {};
  for (const [i, entry] of docs.entries()) {
    const doc = await load(entry.id);
    try {
      const file = await exportDocument(doc, entry.title, format, lang);
      files[names[i] ?? `document-${i + 1}.${format}`] = file.bytes;
    } finally {
      doc.destroy();
    }
  }
  return { name: "", type: "application/zip", bytes: zipSync(files, { level: format === "md" ? 6 : 0 }) };
}

export interface ParsedImport {
  title: string;
  state: SerializedEditorState;
  report: DropReport;
}

type ImportKind = "docx" | "md" | "html";

function kindOf(name: string, type: string): ImportKind | null {
  if (/\.docx$/i.test(name) || type === MIME.docx) return "docx";
  if (/\.(md|markdown|txt)$/i.test(name) || type === "text/markdown" || type === "text/plain") return "md";
  if (/\.html?$/i.test(name) || type === "text/html") return "html";
  return null;
}

/**
 * Blank paragraphs, blank text and line breaks hold nothing; anything else (a rule, a picture,
 * a table, a list, a heading with text…) is content, even without a word of text: a document
 * of one rule or one picture is a document.
 */
function $holdsNothing(node: LexicalNode): boolean {
  if ($isTextNode(node)) return node.getTextContent().trim() === "";
  if ($isLineBreakNode(node)) return true;
  return $isParagraphNode(node) && $isElementNode(node) && node.getChildren().every($holdsNothing);
}

/** Reads, converts and sanitises a file; throws ImportError when it is refused as a whole. */
export async function parseImportFile(file: { name: string; type: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ParsedImport> {
  const kind = kindOf(file.name, file.type);
  if (kind === null) throw new ImportError("unknownType", { name: file.name });
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    throw new ImportError("tooLarge", { name: file.name, limit: Math.round(MAX_IMPORT_FILE_BYTES / (1024 * 1024)) });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const report = emptyReport();
  const editor = createHeadlessEditor();
  let title = titleFromFileName(file.name);
  if (kind === "md") {
    importMarkdownInto(editor, new TextDecoder().decode(bytes));
  } else {
    const html = kind === "docx" ? await (await import("./docx-import.ts")).docxToHtml(bytes) : new TextDecoder().decode(bytes);
    const pageTitle = importHtmlInto(editor, html, report);
    if (kind === "html" && pageTitle !== "") title = pageTitle;
  }
  editor.update(() => $sanitizeImportedTree(report), { discrete: true });
  const empty = editor.read(() => $getRoot().getChildren().every($holdsNothing));
  if (empty && report.picturesTooLarge + report.picturesUnsupported === 0) throw new ImportError("empty", { name: file.name });
  return { title, state: editor.getEditorState().toJSON(), report };
}
