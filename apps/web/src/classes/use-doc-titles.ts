/**
 * @module use-doc-titles
 * The class's documents with their titles: the workspace index (what the sidebar lists, trash
 * left out) joined with the relay's group and lock for each. A document the relay has not
 * stored yet (just created, or created offline) is class-wide and unlocked until a teacher
 * places it, which is what the relay assumes too.
 */
import type { ClassDocument, DocEntry, WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { shownTitle } from "../ui/shown-title.ts";
import { useStoreValue } from "../ui/use-store-value.ts";
import type { ClassData } from "./use-class-data.ts";

export interface TitledDocument extends Omit<ClassDocument, "id" | "writable"> {
  /** The id within the workspace (`d…`), as the index and the route have it. */
  docId: string;
  title: string;
}

export function useDocTitles(session: WorkspaceSession, data: ClassData): TitledDocument[] {
  const { t } = useTranslation();
  const index = session.index;
  const entries: DocEntry[] = useStoreValue(index, (l) => index.subscribe(l), () => index.list());
  const prefix = `${session.membership.workspace.id}/`;
  const byId = new Map(data.documents.filter((d) => d.id.startsWith(prefix)).map((d) => [d.id.slice(prefix.length), d]));
  return entries.map((entry) => {
    const placed = byId.get(entry.id);
    return {
      docId: entry.id,
      title: shownTitle(entry.title, t("doc.untitled")),
      groupId: placed?.groupId ?? null,
      locked: placed?.locked ?? false,
      lockFrom: placed?.lockFrom ?? null,
    };
  });
}
