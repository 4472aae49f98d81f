/**
 * @module Sidebar
 * The workspace's documents (newest edit first), a button for a new one, and the Trash.
 * The list is the workspace index, itself a Yjs doc: a document created offline shows up for
 * everyone once its creator reconnects.
 */
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type DocEntry, type Membership, UNTITLED, type WorkspaceSession } from "@quire/client";
import { useCommentCounts } from "../comments/use-comment-counts.ts";
import { DocListItem } from "./DocListItem.tsx";
import { Icon } from "./Icon.tsx";
import { LanguagePicker } from "./LanguagePicker.tsx";
import type { WorkspaceSearch } from "../search/WorkspaceSearch.ts";
import { SearchBox } from "./SearchBox.tsx";
import { shownTitle } from "./shown-title.ts";
import { useStoreValue } from "./use-store-value.ts";
import { WorkspaceTransfer } from "./WorkspaceTransfer.tsx";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  activeDocId: string | null;
  onOpen(docId: string | null): void;
  /** Search across the workspace's documents on this device. */
  search: WorkspaceSearch;
}

export function Sidebar({ session, membership, activeDocId, onOpen, search }: Props): JSX.Element {
  const { t } = useTranslation();
  const index = session.index;
  // In a class, only the documents she may read (issue 13): other groups' stay out of the list.
  const access = session.access;
  const subscribe = (listener: () => void) => {
    const offIndex = index.subscribe(listener);
    const offAccess = access.subscribe(() => listener());
    return () => {
      offIndex();
      offAccess();
    };
  };
  const readable = (entries: DocEntry[]) => entries.filter((e) => access.mayRead(e.id, e.createdBy));
  const docs: DocEntry[] = useStoreValue(index, subscribe, () => readable(index.list()));
  const trashed: DocEntry[] = useStoreValue(index, subscribe, () => readable(index.list({ trashed: true })));
  const removed = useStoreValue(access, (l) => access.subscribe(() => l()), () => access.removed);
  const [showTrash, setShowTrash] = useState(false);
  // A removed member's list no longer reaches anyone: new documents would stay on this device.
  const canEdit = membership.role === "editor" && !removed;
  const userName = membership.user.name;
  const openComments = useCommentCounts(membership, docs);

  return (
    <nav className="sidebar" aria-label={t("sidebar.label")}>
      {canEdit && (
        <button type="button" className="btn btn-primary sidebar-new" onClick={() => onOpen(index.create(UNTITLED, userName))}>
          {t("sidebar.newDocument")}
        </button>
      )}
      <SearchBox search={search} onOpen={onOpen} />
      <WorkspaceTransfer session={session} membership={membership} onOpen={(id) => onOpen(id)} />
      <h2 className="sidebar-heading">{t("sidebar.heading")}</h2>
      {docs.length === 0 ? (
        <p className="muted small sidebar-empty">{t("sidebar.empty")}</p>
      ) : (
        <ul className="doc-list" data-testid="doc-list">
          {docs.map((entry) => (
            <DocListItem
              key={entry.id}
              entry={entry}
              active={entry.id === activeDocId}
              canEdit={canEdit}
              openComments={openComments.get(entry.id) ?? 0}
              onOpen={() => onOpen(entry.id)}
              onRename={(title) => index.rename(entry.id, title, userName)}
              onTrash={() => {
                index.trash(entry.id, userName);
                if (entry.id === activeDocId) onOpen(null);
              }}
            />
          ))}
        </ul>
      )}
      <button type="button" className="sidebar-trash-toggle" aria-expanded={showTrash} onClick={() => setShowTrash(!showTrash)}>
        <Icon name="trash" size={16} /> {trashed.length > 0 ? t("sidebar.trashCount", { count: trashed.length }) : t("sidebar.trash")}
      </button>
      {showTrash && (
        <ul className="doc-list doc-list-trash" data-testid="trash-list">
          {trashed.length === 0 && <li className="muted small sidebar-empty">{t("sidebar.trashEmpty")}</li>}
          {trashed.map((entry) => (
            <li key={entry.id} className="doc-item is-trashed">
              <span className="doc-title" dir="auto">{shownTitle(entry.title, t("doc.untitled"))}</span>
              {canEdit && (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => index.restore(entry.id, userName)}>
                  {t("sidebar.restore")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <LanguagePicker className="sidebar-language" />
    </nav>
  );
}
