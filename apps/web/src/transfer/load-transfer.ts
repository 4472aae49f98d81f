/**
 * @module load-transfer
 * Where export/import code lives, and why (the first load is budgeted at 250 KB, and was at
 * 245.5 KB before this feature):
 * - The Lexical side (Markdown, HTML, sanitising, Yjs doc ↔ editor state) is in the editor
 *   chunk, which every document view loads anyway: ~4 KB. As a chunk of its own it cost
 *   more: Lexical is then needed by two lazy chunks, and the bundler (rolldown, which has no
 *   "already loaded" analysis) moved it into a third chunk shared by both — +5.6 KB on the
 *   first load (255 KB, over budget). For the same reason the lazy chunks below import no
 *   Lexical: DOCX export works on the serialized editor state.
 * - `docx`, `mammoth` and `fflate` are lazy chunks, not precached, fetched in the background
 *   the first time a student opens a document's menu or the import/export controls, then kept
 *   by the service worker's runtime cache: Word export/import then works offline too.
 * Like load-editor.ts: requested once; a failed request is forgotten so the next one retries.
 */
import { loadEditor } from "../editor/load-editor.ts";
import type * as TransferModule from "./transfer-chunk.ts";

let pending: Promise<typeof TransferModule> | null = null;

export function loadTransfer(): Promise<typeof TransferModule> {
  const first = pending === null;
  // Through the editor chunk: see `importTransfer` in Editor.tsx.
  pending ??= loadEditor()
    .then((editor) => editor.importTransfer())
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  if (first) void pending.then((module) => module.warmWordChunks()).catch(() => undefined);
  return pending;
}
