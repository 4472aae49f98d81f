/**
 * @module ShareButton
 * The owner's join codes, with copy buttons: one code lets people edit, the other only read.
 */
import { type JSX, type ReactNode, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { usePopoverDismiss } from "./use-popover-dismiss.ts";

interface Props {
  codes: { editor: string; viewer: string };
  /** More for the owner in the dialog (the workspace's storage figure). */
  children?: ReactNode;
}

export function ShareButton({ codes, children }: Props): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const pop = usePopoverDismiss(open, () => setOpen(false));
  return (
    <div className="share">
      <button ref={pop.buttonRef} type="button" className="btn btn-primary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("invite.button")}
      </button>
      {open && (
        <div ref={pop.popoverRef} className="share-pop" role="dialog" aria-label={t("invite.title")}>
          <h3>{t("invite.title")}</h3>
          <p className="muted small">{t("invite.howTo")}</p>
          <CodeRow label={t("invite.canEdit")} code={codes.editor} testId="join-code-editor" />
          <CodeRow label={t("invite.canView")} code={codes.viewer} testId="join-code-viewer" />
          {children}
          <button type="button" className="btn btn-ghost btn-small share-close" onClick={() => setOpen(false)}>
            {t("common.done")}
          </button>
        </div>
      )}
    </div>
  );
}

function CodeRow({ label, code, testId }: { label: string; code: string; testId: string }): JSX.Element {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard can be refused (permissions, insecure origin); the code stays selectable.
      setCopied(false);
    }
  };
  return (
    <div className="code-row">
      <span className="code-label">{label}</span>
      <code className="code-value" data-testid={testId}>
        {code}
      </code>
      <button type="button" className="btn btn-ghost btn-small" onClick={copy}>
        {copied ? t("invite.copied") : t("invite.copy")}
      </button>
    </div>
  );
}
