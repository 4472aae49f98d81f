/**
 * @module ConfirmDialog
 * "Are you sure?" for the class changes that cannot be undone from here (remove a member,
 * delete a group). An alertdialog: focus lands on Cancel (the safe answer), Escape cancels,
 * and focus goes back to where it was when it closes. The outcome shows in the dashboard's
 * status line.
 */
import { type JSX, useEffect, useId, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  title: string;
  body: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, body, confirmLabel, busy, onConfirm, onCancel }: Props): JSX.Element {
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
      className="class-confirm"
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
      <p id={`${id}-body`}>{body}</p>
      <div className="class-confirm-actions">
        <button ref={cancelRef} type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t("common.cancel")}
        </button>
        <button type="button" className="btn btn-primary class-danger" onClick={onConfirm} disabled={busy}>
          {busy ? t("common.oneMoment") : confirmLabel}
        </button>
      </div>
    </div>
  );
}
