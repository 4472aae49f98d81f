/**
 * @module Legend
 * Who the colours stand for: a swatch and the name of each author, plus (for a comparison)
 * what underline and strike-through mean, so the view reads without colour vision.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { Author } from "@quire/history";
import { userColor } from "../editor/user-color.ts";

export function Legend({ authors, marks, selfUserId }: { authors: readonly Author[]; marks: boolean; selfUserId?: string }): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="history-legend">
      <ul className="history-legend-list" aria-label={t("history.legend")}>
        {authors.map((a) => (
          <li key={a.userId} data-user={a.userId}>
            <span className="history-swatch" style={{ background: userColor(a.userId).color }} aria-hidden="true" />
            <span dir="auto">{a.name}</span>
          </li>
        ))}
      </ul>
      {marks && (
        <p className="history-legend-marks muted">
          <ins className="history-ins">{t("history.legendInserted")}</ins> · <del className="history-del">{t("history.legendDeleted")}</del>
          {selfUserId !== undefined && (
            <>
              {" "}
              · <span className="history-ins is-mine">{t("history.legendYours")}</span>
            </>
          )}
        </p>
      )}
    </div>
  );
}
