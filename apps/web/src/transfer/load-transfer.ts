/**
 * @module load-transfer
 * The export/import code (Lexical's HTML and Markdown converters, fflate, and behind them the
 * `docx` and `mammoth` chunks) is loaded the first time the student opens a document's menu
 * or the import/export controls — never on the first screen (the first load is budgeted at
 * 250 KB, see README). The service worker keeps these chunks once fetched (runtime cache),
 * so export and import then work offline. Like load-editor.ts: requested once, a failed
 * request is forgotten so the next attempt retries.
 */
import type * as TransferModule from "./transfer.ts";

let pending: Promise<typeof TransferModule> | null = null;

export function loadTransfer(): Promise<typeof TransferModule> {
  pending ??= import("./transfer.ts").catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
