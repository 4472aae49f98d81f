/**
 * @module drop-report-text
 * An import's DropReport in words for the student: "2 pictures were too large, 1 unsafe link
 * removed" (each part a plural of the interface language), or null when nothing was dropped.
 */
import type { TFunction } from "i18next";
import { DROP_KINDS, type DropReport } from "./drop-report.ts";

export function dropReportText(report: DropReport, t: TFunction): string | null {
  const parts = DROP_KINDS.filter((kind) => report[kind] > 0).map((kind) => t(`transfer.dropped.${kind}`, { count: report[kind] }));
  return parts.length === 0 ? null : parts.join(t("transfer.listSeparator"));
}
