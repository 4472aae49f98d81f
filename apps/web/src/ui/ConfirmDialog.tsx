/**
 * @module ConfirmDialog
 * "Are you sure?" before a change that cannot be undone from where the person stands: the
 * history panel's hand in, restore and revert-a-member, the class dashboard's remove a member
 * and delete a group. One component for both (they were copies). An alertdialog: focus lands
 * on Cancel (the safe answer), Escape cancels without closing the panel behind it, and focus
 * goes back to where it was when it closes.
 * Only the history and class chunks use it, so it lands in a chunk they share, which the
 * service worker does not precache either (vite.config.ts): it costs the first visit nothing.
 */
import { type JSX, type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  title: string;
  /** What will happen: a paragraph, or more (the revert dialog's time range). */
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /**
   * Why the last try failed, shown in the dialog (history). The class dashboard reports
   * outcomes in its own status line and passes none.
   */
  error?: string | null;
  /**
   * Where it sits and how it looks: "history" over the history panel it belongs to
   * (history.css), "class" over the page with a red confirm button (classes.css).
   */
  look: "history" | "class";
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy, error = null, look, onConfirm, onCancel }: Props): JSX.Element {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div
      className={`${look}-confirm`}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={`${id}-title`} dir="auto">
        {title}
      </h3>
      <div id={`${id}-body`}>{children}</div>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      <div className={`${look}-confirm-actions`}>
        <button ref={cancelRef} type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t("common.cancel")}
        </button>
        <button type="button" className={look === "class" ? "btn btn-primary class-danger" : "btn btn-primary"} onClick={onConfirm} disabled={busy}>
          {busy ? t("common.oneMoment") : confirmLabel}
        </button>
      </div>
    </div>
  );
}
