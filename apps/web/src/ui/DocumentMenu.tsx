/**
 * @module DocumentMenu
 * The open document's menu: download it as Word, Markdown or a web page, or print it (the
 * print stylesheet prints the document only; "Save as PDF" is the browser's print target).
 * Everything is made in the browser from the document's Yjs doc, so it works offline. The
 * converters are a chunk of their own, requested when the menu first opens (load-transfer.ts).
 * A disclosure (button + list of buttons), not an ARIA menu: Tab reaches each action, Escape
 * closes it and gives focus back to the button (use-popover-dismiss.ts).
 */
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { DocHandle } from "@quire/client";
import type { RelayAccess } from "../history/relay-access.ts";
import { loadTransfer } from "../transfer/load-transfer.ts";
import type { ExportFormat } from "../transfer/transfer.ts";
import { usePopoverDismiss } from "./use-popover-dismiss.ts";

interface Props {
  handle: DocHandle;
  /** The shown title (null until the index lists the doc). */
  title: string | null;
  /** For the appendix's figures from the relay. */
  relay: RelayAccess;
  onError(message: string): void;
}

const FORMATS: readonly ExportFormat[] = ["docx", "md", "html"];

export function DocumentMenu({ handle, title, relay, onError }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [withAuthors, setWithAuthors] = useState(false);
  const pop = usePopoverDismiss(open, () => setOpen(false));

  const toggle = () => {
    if (!open) void loadTransfer().catch(() => undefined); // Warm the chunk while the student reads the list.
    setOpen(!open);
  };
  const download = async (format: ExportFormat | "print") => {
    if (format === "print" && !withAuthors) {
      setOpen(false);
      // After the menu closed (React commits first), so the dialog shows the page as printed.
      setTimeout(() => window.print(), 0);
      return;
    }
    setBusy(true);
    // The rest (the appendix's figures, the print with it, what a failure says) is in the export chunk.
    const failure = await loadTransfer().then(
      (transfer) => transfer.exportFromMenu({ handle, title: title ?? t("doc.untitled"), format, lang: i18n.language, t, relay, withAuthors, anchor: pop.buttonRef.current, close: () => setOpen(false) }),
      () => t("transfer.exportFailed"),
    );
    if (failure) onError(failure);
    setBusy(false);
  };

  return (
    <div className="transfer-anchor">
      <button
        ref={pop.buttonRef}
        type="button"
        className="btn btn-ghost btn-small"
        aria-expanded={open}
        aria-controls="doc-menu-list"
        onClick={toggle}
      >
        {t("transfer.menu")}
      </button>
      {open && (
        <div ref={pop.popoverRef} id="doc-menu-list" className="share-pop doc-menu-pop" aria-busy={busy}>
          {FORMATS.map((format) => (
            <button key={format} type="button" className="doc-menu-item" disabled={busy} onClick={() => void download(format)}>
              {t(`transfer.download.${format}`)}
            </button>
          ))}
          <button type="button" className="doc-menu-item" disabled={busy} onClick={() => void download("print")}>
            {t("transfer.print")}
          </button>
          <label className="doc-menu-item">
            <input type="checkbox" checked={withAuthors} onChange={(event) => setWithAuthors(event.target.checked)} />
            {t("transfer.withAuthorship")}
          </label>
        </div>
      )}
    </div>
  );
}
