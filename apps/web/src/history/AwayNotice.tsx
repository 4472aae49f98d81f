/**
 * @module AwayNotice
 * The dismissible line "N changes by others while you were offline — Review" above the page,
 * shown after this device reconnects from offline work (away-changes.ts). Review opens the
 * history panel's comparison from what the device last saw to now.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import "./panel-strings.ts";
import type { AwayReport } from "./away-changes.ts";

export function AwayNotice({ report, onReview, onDismiss }: { report: AwayReport; onReview(): void; onDismiss(): void }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="notice away-notice" role="status" data-testid="away-notice">
      <span>{t("history.awayNotice", { count: report.changes })}</span>{" "}
      <button type="button" className="btn btn-ghost btn-small" onClick={onReview}>
        {t("history.review")}
      </button>
      <button type="button" className="icon-btn" aria-label={t("history.dismiss")} onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
