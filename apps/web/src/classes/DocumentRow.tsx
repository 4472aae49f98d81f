/**
 * @module DocumentRow
 * One document: open it, put it in a group or the whole class, and lock it for students now or
 * at a due time (local wall time, to the minute), or unlock it. The relay makes students
 * read-only from that moment on, live sockets included. A document locked by its group's lock
 * says so and offers no "Unlock" of its own (the group's row lifts that lock).
 */
import type { JSX } from "react";
import type { ClassClient, ClassGroup } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SectionProps } from "./GroupsSection.tsx";
import { LockButtons } from "./LockButtons.tsx";
import type { TitledDocument } from "./use-doc-titles.ts";

interface Props {
  doc: TitledDocument;
  groups: ClassGroup[];
  client: ClassClient;
  busy: boolean;
  act: SectionProps["act"];
  onOpen(): void;
}

export function DocumentRow({ doc, groups, client, busy, act, onOpen }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const title = doc.title;
  const when = (at: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
  const lockState = !doc.locked
    ? t("class.writable")
    : doc.lockFrom !== null && doc.lockFrom > Date.now()
      ? t("class.locksAt", { when: when(doc.lockFrom) })
      : t("class.locked");
  const dueId = `class-due-${doc.docId}`;
  // The relay reports a document of a locked group as locked; its own "Unlock" would change
  // nothing, so the row says where the lock comes from and leaves unlocking to the group's row.
  const lockingGroup = doc.locked ? groups.find((g) => g.id === doc.groupId && g.lock != null) : undefined;

  return (
    <li className="class-doc" data-doc-id={doc.docId} data-locked={doc.locked ? "true" : "false"}>
      <div className="class-doc-head">
        <button type="button" className="class-doc-title" dir="auto" onClick={onOpen}>
          {title}
        </button>
        <span className={doc.locked ? "class-lock is-locked" : "class-lock"} data-testid="doc-lock-state">
          {lockingGroup ? t("class.lockedWithGroup", { name: lockingGroup.name }) : lockState}
        </span>
      </div>
      <div className="class-doc-controls">
        <select
          aria-label={t("class.groupOfDoc", { title })}
          value={doc.groupId ?? ""}
          disabled={busy}
          onChange={(e) => {
            const groupId = e.target.value || null;
            const group = groups.find((g) => g.id === groupId);
            const done = group ? t("class.docAssigned", { title, group: group.name }) : t("class.docClassWide", { title });
            void act(() => client.updateDocument(doc.docId, { groupId }), done);
          }}
        >
          <option value="">{t("class.wholeClass")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        {lockingGroup ? null : (
        <LockButtons
          locked={doc.locked}
          busy={busy}
          dueId={dueId}
          labels={{ unlock: t("class.unlockDoc", { title }), lockNow: t("class.lockDoc", { title }), lockAt: t("class.lockAtFor", { title }) }}
          onUnlock={() => void act(() => client.updateDocument(doc.docId, { locked: false }), t("class.unlocked", { title }))}
          onLock={(at) =>
            void (at === null
              ? act(() => client.updateDocument(doc.docId, { locked: true }), t("class.lockedNow", { title }))
              : act(() => client.updateDocument(doc.docId, { locked: true, lockFrom: at }), t("class.lockScheduled", { title, when: when(at) })))
          }
        />
        )}
      </div>
    </li>
  );
}
