/**
 * @module ConfirmDialog
 * "Are you sure?" for the history actions that change the document or cannot be undone (hand
 * in, restore, revert a member). An alertdialog: focus lands on Cancel (the safe answer),
 * Escape cancels without closing the panel behind it, and the outcome is announced in it.
 */
import { type JSX, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation.ts";

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy, error, onConfirm, onCancel }: Props): JSX.Element {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="history-confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="history-confirm-title"
      aria-describedby="history-confirm-body"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id="history-confirm-title">{title}</h3>
      <div id="history-confirm-body">{children}</div>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      <div className="history-confirm-actions">
        <button ref={cancelRef} type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t("common.cancel")}
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy}>
          {busy ? t("common.oneMoment") : confirmLabel}
        </button>
      </div>
    </div>
  );
}
