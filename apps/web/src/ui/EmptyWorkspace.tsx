/**
 * @module EmptyWorkspace
 * What the main area shows when no document is open.
 */
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type Membership, UNTITLED, type WorkspaceSession } from "@quire/client";
import { useStoreValue } from "./use-store-value.ts";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  onOpen(docId: string): void;
}

export function EmptyWorkspace({ session, membership, onOpen }: Props): JSX.Element {
  const { t } = useTranslation();
  const count = useStoreValue(session.index, (l) => session.index.subscribe(l), () => session.index.list().length);
  const canEdit = membership.role === "editor";
  return (
    <div className="empty">
      <h2>{count === 0 ? t("empty.noDocuments") : t("empty.pickDocument")}</h2>
      <p className="muted">
        {canEdit
          ? t("empty.editorHint")
          : t("empty.viewerHint")}
      </p>
      {canEdit && (
        <button type="button" className="btn btn-primary btn-large" onClick={() => onOpen(session.index.create(UNTITLED, membership.user.name))}>
          {t("empty.newDocument")}
        </button>
      )}
    </div>
  );
}
