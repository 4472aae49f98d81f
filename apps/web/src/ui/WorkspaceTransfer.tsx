/**
 * @module WorkspaceTransfer
 * In the sidebar: import a Word, Markdown or HTML file as a new document, and download every
 * document of the workspace as a zip of Word or Markdown files — from the copies on this
 * device, so both work offline.
 *
 * Import invariant (nothing half-made): the file is read, converted and sanitised completely
 * (transfer.ts parseImportFile) before the index entry exists; a refused file shows why and
 * creates nothing. What was left out (scripts, unsafe links, pictures over the limit…) is
 * reported in words once the new document is open.
 */
import { type JSX, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Membership, WorkspaceSession } from "@quire/client";
import { fileNameFor } from "../transfer/file-name.ts";
import { ImportError } from "../transfer/import-error.ts";
import { loadTransfer } from "../transfer/load-transfer.ts";
import type { ZipFormat } from "../transfer/transfer.ts";
import { downloadFile } from "./download-file.ts";
import { dropReportText } from "./drop-report-text.ts";
import { usePopoverDismiss } from "./use-popover-dismiss.ts";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  onOpen(docId: string): void;
}

type Notice = { kind: "status" | "alert"; text: string } | null;

const ACCEPT = ".docx,.md,.markdown,.txt,.html,.htm,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/html";

export function WorkspaceTransfer({ session, membership, onOpen }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [open, setOpen] = useState(false);
  const pop = usePopoverDismiss(open, () => setOpen(false));
  const canEdit = membership.role === "editor";

  const importFile = async (file: File) => {
    setBusy(true);
    setNotice({ kind: "status", text: t("transfer.importing", { name: file.name }) });
    try {
      const { parseImportFile, writeDoc } = await loadTransfer();
      const parsed = await parseImportFile(file);
      const id = session.index.create(parsed.title || t("doc.untitled"), membership.user.name);
      await session.writeNewDoc(id, (doc) => writeDoc(doc, parsed.state));
      const dropped = dropReportText(parsed.report, t);
      setNotice({
        kind: dropped ? "alert" : "status",
        text: dropped ? t("transfer.importedWithDrops", { name: file.name, dropped }) : t("transfer.imported", { name: file.name }),
      });
      onOpen(id);
    } catch (error) {
      if (!(error instanceof ImportError)) console.warn("[quire] import failed", error);
      const text = error instanceof ImportError ? t(`transfer.error.${error.code}`, { name: file.name, ...error.params }) : t("transfer.error.unreadable");
      setNotice({ kind: "alert", text });
    } finally {
      setBusy(false);
    }
  };

  const exportAll = async (format: ZipFormat) => {
    setOpen(false);
    setBusy(true);
    try {
      const { exportZip } = await loadTransfer();
      const docs = session.index.list().map((entry) => ({ id: entry.id, title: entry.title || t("doc.untitled") }));
      const zip = await exportZip(docs, (id) => session.readDocOnDevice(id), format, i18n.language);
      downloadFile({ ...zip, name: fileNameFor(membership.workspace.name, "zip", "workspace") });
      setNotice(null);
    } catch (error) {
      console.warn("[quire] export failed", error);
      setNotice({ kind: "alert", text: t("transfer.exportFailed") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="workspace-transfer">
      {canEdit && (
        <>
          <button type="button" className="btn btn-ghost btn-small transfer-btn" disabled={busy} onClick={() => input.current?.click()}>
            {t("transfer.importFile")}
          </button>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label={t("transfer.importFile")}
            data-testid="import-file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = "";
              if (file) void importFile(file);
            }}
          />
        </>
      )}
      <div className="share">
        <button
          ref={pop.buttonRef}
          type="button"
          className="btn btn-ghost btn-small transfer-btn"
          disabled={busy}
          aria-expanded={open}
          aria-controls="export-all-list"
          onClick={() => {
            if (!open) void loadTransfer().catch(() => undefined);
            setOpen(!open);
          }}
        >
          {t("transfer.exportAll")}
        </button>
        {open && (
          <div ref={pop.popoverRef} id="export-all-list" className="share-pop doc-menu-pop transfer-pop">
            <button type="button" className="doc-menu-item" onClick={() => void exportAll("docx")}>
              {t("transfer.exportAllDocx")}
            </button>
            <button type="button" className="doc-menu-item" onClick={() => void exportAll("md")}>
              {t("transfer.exportAllMd")}
            </button>
          </div>
        )}
      </div>
      {notice && (
        <div className={`transfer-notice small${notice.kind === "alert" ? " is-alert" : ""}`} role={notice.kind} data-testid="transfer-notice">
          <span>{notice.text}</span>
          <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
