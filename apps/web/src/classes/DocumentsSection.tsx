/**
 * @module DocumentsSection
 * Each document of the class with where it belongs (a group, or the whole class: the
 * assignment brief) and whether students may still write it: lock now, lock at a due time,
 * unlock. Titles come from the workspace index; the relay holds groups and locks.
 */
import type { JSX } from "react";
import type { WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { DocumentRow } from "./DocumentRow.tsx";
import type { SectionProps } from "./GroupsSection.tsx";
import { useDocTitles } from "./use-doc-titles.ts";

export function DocumentsSection({ client, data, session, busy, act, onOpenDoc }: SectionProps & { session: WorkspaceSession; onOpenDoc(docId: string): void }): JSX.Element {
  const { t } = useTranslation();
  const documents = useDocTitles(session, data);
  return (
    <section className="class-section" aria-labelledby="class-documents">
      <h2 id="class-documents">{t("class.documents")}</h2>
      {documents.length === 0 ? (
        <p className="muted small">{t("class.noDocuments")}</p>
      ) : (
        <ul className="class-docs">
          {documents.map((doc) => (
            <DocumentRow key={doc.docId} doc={doc} groups={data.groups} client={client} busy={busy} act={act} onOpen={() => onOpenDoc(doc.docId)} />
          ))}
        </ul>
      )}
    </section>
  );
}
