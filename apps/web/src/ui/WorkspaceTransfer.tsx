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
import { loadTransfer } from "../transfer/load-transfer.ts";
import type { ZipFormat } from "../transfer/transfer.ts";
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
      const outcome = await (await loadTransfer()).importIntoWorkspace(file, session, membership.user.name, t);
      setNotice(outcome);
      if (outcome.docId !== null) onOpen(outcome.docId);
    } catch {
      setNotice({ kind: "alert", text: t("transfer.error.unreadable", { name: file.name }) });
    } finally {
      setBusy(false);
    }
  };

  const exportAll = async (format: ZipFormat) => {
    setOpen(false);
    setBusy(true);
    try {
      await (await loadTransfer()).downloadWorkspace(session, membership.workspace.name, format, i18n.language, t("doc.untitled"));
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
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => input.current?.click()}>
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
      <div className="transfer-anchor">
        <button
          ref={pop.buttonRef}
          type="button"
          className="btn btn-ghost btn-small"
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
          <div ref={pop.popoverRef} id="export-all-list" className="share-pop doc-menu-pop">
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
        <div className="notice" role={notice.kind} data-testid="transfer-notice">
          <span>{notice.text}</span>
          <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
