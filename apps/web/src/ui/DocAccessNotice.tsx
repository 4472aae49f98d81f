/**
 * @module DocAccessNotice
 * Why the open document is read-only for her now (issue 13): the teacher locked it, made her
 * a reader, placed it in another group, or removed her from the class. When the relay refused
 * changes she made (typed offline, or just before the lock), they are still on this device:
 * the notice says they were not sent and offers her copy as a Markdown download, made from
 * the device copy without the relay.
 */
import { type JSX, useState } from "react";
import type { AccessRefusal, DocHandle } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { loadTransfer } from "../transfer/load-transfer.ts";

interface Props {
  handle: DocHandle;
  refusal: AccessRefusal;
  /** Changes the relay has not confirmed. */
  unsent: number;
  title: string | null;
  onError(message: string): void;
}

const MESSAGE = {
  locked: "access.locked",
  "read-only-role": "access.readOnlyRole",
  "no-access": "access.noAccess",
  removed: "access.removedDoc",
} as const;

export function DocAccessNotice({ handle, refusal, unsent, title, onError }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const exportCopy = async () => {
    setBusy(true);
    try {
      await (await loadTransfer()).downloadDocument(handle, title ?? t("doc.untitled"), "md", i18n.language);
    } catch (error) {
      console.warn("[quire] export failed", error);
      onError(t("transfer.exportFailed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice doc-access-notice" role="status" data-testid="doc-access-notice" data-kind={refusal.kind}>
      <p>{t(MESSAGE[refusal.kind])}</p>
      {unsent > 0 && <p data-testid="unsent-notice">{t("access.unsent")}</p>}
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void exportCopy()}>
        {t("access.exportCopy")}
      </button>
    </div>
  );
}
