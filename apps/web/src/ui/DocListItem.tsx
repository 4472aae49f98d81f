/**
 * @module DocListItem
 * One document in the sidebar: title, "edited 5 min ago by Ana", inline rename, trash.
 * The inline rename writes only what the person typed ({@link useTitleDraft}): a classmate's
 * rename arriving while the field is open is shown, not overwritten by the old title.
 */
import { type JSX, useEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { DocEntry } from "@quire/client";
import { Icon } from "./Icon.tsx";
import { relativeTime } from "./relative-time.ts";
import { shownTitle } from "./shown-title.ts";
import { focusWhenAttached } from "./use-focus-on-mount.ts";
import { useTitleDraft } from "./use-title-draft.ts";

interface Props {
  entry: DocEntry;
  active: boolean;
  canEdit: boolean;
  /** Open comment threads in its copy on this device (issue 15). */
  openComments: number;
  onOpen(): void;
  onRename(title: string): void;
  onTrash(): void;
}

export function DocListItem({ entry, active, canEdit, openComments, onOpen, onRename, onTrash }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const title = shownTitle(entry.title, t("doc.untitled"));
  const draft = useTitleDraft(title);
  const now = useMinuteClock();

  // Enter or Escape ends the edit once: the blur that follows must not save again (or save
  // what Escape dropped).
  const ended = useRef(false);
  const startEditing = () => {
    ended.current = false;
    setEditing(true);
  };
  const commit = () => {
    if (ended.current) return;
    ended.current = true;
    setEditing(false);
    const title = draft.finish();
    if (title !== null) onRename(title);
  };

  return (
    <li className={`doc-item${active ? " is-active" : ""}`} data-doc-id={entry.id}>
      {editing ? (
        <input
          className="doc-rename"
          dir="auto"
          aria-label={t("doc.nameLabel")}
          value={draft.value}
          maxLength={200}
          // Renaming was just requested (not `autoFocus`: see use-focus-on-mount.ts).
          ref={focusWhenAttached}
          onChange={(e) => draft.edit(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") {
              ended.current = true;
              draft.cancel();
              setEditing(false);
            }
          }}
        />
      ) : (
        <button
          type="button"
          className="doc-open"
          onClick={onOpen}
          onDoubleClick={() => canEdit && startEditing()}
          aria-current={active ? "page" : undefined}
        >
          <span className="doc-title" dir="auto">{title}</span>
          <span className="doc-meta">
            {t("doc.edited", { when: relativeTime(entry.updatedAt, now, i18n.language, t("time.justNow")), name: entry.updatedBy })}
          </span>
          {openComments > 0 && (
            <span className="doc-comments" data-testid="doc-open-comments" data-count={openComments}>
              <span aria-hidden="true">💬 {openComments}</span>
              <span className="visually-hidden">{t("doc.openComments", { count: openComments })}</span>
            </span>
          )}
        </button>
      )}
      {canEdit && !editing && (
        <span className="doc-actions">
          <button type="button" className="icon-btn" title={t("doc.rename")} aria-label={t("doc.renameNamed", { title })} onClick={startEditing}>
            <Icon name="pencil" size={16} />
          </button>
          <button type="button" className="icon-btn" title={t("doc.trash")} aria-label={t("doc.trashNamed", { title })} onClick={onTrash}>
            <Icon name="trash" size={16} />
          </button>
        </span>
      )}
    </li>
  );
}

/** The current time, refreshed every 30 s so "5 minutes ago" stays true. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
