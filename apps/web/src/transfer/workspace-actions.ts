/**
 * @module workspace-actions
 * What the export/import buttons do, kept in the lazy transfer chunk so the first-load
 * bundle holds only the buttons (the first visit is budgeted at 250 KB; see load-transfer.ts).
 */
import type { TFunction } from "../i18n/translator.ts";
import type { DocHandle, WorkspaceSession } from "@quire/client";
import type { RelayAccess } from "../history/relay-access.ts";
import { type AuthorshipRequest, AuthorshipUnavailable, loadAuthorship } from "./authorship-appendix.ts";
import { printWithAuthorship } from "./authorship-print.ts";
import { downloadFile } from "./download-file.ts";
import { dropReportText } from "./drop-report-text.ts";
import { fileNameFor } from "./file-name.ts";
import { writeDoc } from "./headless-editor.ts";
import { ImportError } from "./import-error.ts";
import { type ExportFormat, exportDocument, exportZip, parseImportFile, type ZipFormat } from "./transfer.ts";

export interface ImportOutcome {
  /** The new document, or null when the file was refused (nothing was created). */
  docId: string | null;
  kind: "status" | "alert";
  text: string;
}

/** Converts `file` completely, and only then creates the document and writes it (see transfer.ts). */
export async function importIntoWorkspace(file: File, session: WorkspaceSession, userName: string, t: TFunction): Promise<ImportOutcome> {
  try {
    const parsed = await parseImportFile(file);
    const docId = session.index.create(parsed.title || t("doc.untitled"), userName);
    await session.writeNewDoc(docId, (doc) => writeDoc(doc, parsed.state));
    const dropped = dropReportText(parsed.report, t);
    return dropped
      ? { docId, kind: "alert", text: t("transfer.importedWithDrops", { name: file.name, dropped }) }
      : { docId, kind: "status", text: t("transfer.imported", { name: file.name }) };
  } catch (error) {
    if (!(error instanceof ImportError)) console.warn("[quire] import failed", error);
    const text = error instanceof ImportError ? t(`transfer.error.${error.code}`, { name: file.name, ...error.params }) : t("transfer.error.unreadable", { name: file.name });
    return { docId: null, kind: "alert", text };
  }
}

/**
 * The open document as a download, with the authorship appendix when asked for. Throws
 * AuthorshipUnavailable (nothing downloaded) when the figures cannot be had: offline, the
 * export says so rather than leaving the appendix out silently.
 */
export async function downloadDocument(handle: DocHandle, title: string, format: ExportFormat, lang: string, authorship?: AuthorshipRequest): Promise<void> {
  const appendix = authorship ? await loadAuthorship(handle.docName, authorship, lang) : undefined;
  downloadFile(await exportDocument(handle.doc, title, format, lang, appendix));
}

/**
 * Print (or save as PDF) the document on screen, `container`, with the appendix after it.
 * `beforePrint` closes the menu once the figures are in, so the dialog shows the page as printed.
 */
export async function printDocument(handle: DocHandle, container: HTMLElement, lang: string, authorship: AuthorshipRequest, beforePrint: () => void): Promise<void> {
  const appendix = await loadAuthorship(handle.docName, authorship, lang);
  beforePrint();
  // After React committed the closed menu.
  await new Promise((resolve) => setTimeout(resolve, 0));
  printWithAuthorship(container, appendix);
}

/** Every document of the workspace (the copies on this device) as one zip download. */
export async function downloadWorkspace(session: WorkspaceSession, workspaceName: string, format: ZipFormat, lang: string, untitled: string): Promise<void> {
  const docs = session.index.list().map((entry) => ({ id: entry.id, title: entry.title || untitled }));
  const zip = await exportZip(docs, (id) => session.readDocOnDevice(id), format, lang);
  downloadFile({ ...zip, name: fileNameFor(workspaceName, "zip", "workspace") });
}

/** What the document menu asks for (DocumentMenu.tsx keeps only the buttons: first-load budget). */
export interface MenuExport {
  handle: DocHandle;
  title: string;
  format: ExportFormat | "print";
  lang: string;
  t: TFunction;
  relay: RelayAccess;
  withAuthors: boolean;
  /** The menu's button: the printed document is the article around it. */
  anchor: HTMLElement | null;
  close(): void;
}

/** Runs a document menu choice; returns what to tell the student when it failed, else null. */
export async function exportFromMenu(request: MenuExport): Promise<string | null> {
  const { handle, format, lang, t } = request;
  const authorship = request.withAuthors ? { relay: request.relay, t } : undefined;
  try {
    const container = request.anchor?.closest<HTMLElement>(".document");
    if (format === "print") {
      // The figures first (the relay's answer), then the print dialog with the appendix.
      if (authorship && container) await printDocument(handle, container, lang, authorship, request.close);
      else {
        request.close();
        setTimeout(() => window.print(), 0);
      }
    } else {
      await downloadDocument(handle, request.title, format, lang, authorship);
      request.close();
    }
    return null;
  } catch (error) {
    // The appendix's own sentence says why (offline: it needs a connection); nothing was made.
    if (error instanceof AuthorshipUnavailable) return error.message;
    console.warn("[quire] export failed", error);
    return t("transfer.exportFailed");
  }
}
