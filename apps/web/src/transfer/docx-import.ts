/**
 * @module docx-import
 * A Word file → HTML (mammoth: headings, lists, tables, links, bold/italic/underline/strike,
 * pictures as data: URLs) → the HTML import's sanitising and Lexical conversion. The zip is
 * checked first (zip-guard.ts: a zip at all, with word/document.xml, inflating within the
 * budget). Loaded in its own chunk (mammoth is ~100 KB compressed): see load-transfer.ts.
 */
import mammoth from "mammoth/mammoth.browser.min.js";
import { ImportError } from "./import-error.ts";
import { checkZip } from "./zip-guard.ts";

/** Word's underline and strike have no default HTML mapping in mammoth; these keep them. */
const STYLE_MAP = ["u => u", "strike => s", "p[style-name='Quote'] => blockquote > p:fresh"];

/** The document body as HTML (untrusted: the caller sanitises it). */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const names = checkZip(bytes);
  if (!names.includes("word/document.xml")) throw new ImportError("notDocx");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const result = await mammoth.convertToHtml({ arrayBuffer: buffer }, { styleMap: STYLE_MAP });
    return result.value;
  } catch {
    throw new ImportError("unreadable");
  }
}
