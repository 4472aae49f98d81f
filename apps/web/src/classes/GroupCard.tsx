/**
 * @module GroupCard
 * One group: its name (renamed in place), its members with who is online now, its documents,
 * its lock (GroupLockControls), and delete (asked once more; the relay refuses while documents are in it).
 */
import { type FormEvent, type JSX, useState } from "react";
import { type ClassClient, type ClassGroup, type ClassMember, MAX_GROUP_NAME } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { GroupLockControls } from "./GroupLockControls.tsx";
import type { TitledDocument } from "./use-doc-titles.ts";

interface Props {
  group: ClassGroup;
  members: ClassMember[];
  documents: TitledDocument[];
  busy: boolean;
  client: ClassClient;
  /** use-class-data's act: runs a change, reloads the class, reports the outcome. */
  act(change: () => Promise<unknown>, done: string): Promise<boolean>;
  onRename(name: string): Promise<boolean>;
  onDelete(): Promise<boolean>;
}

export function GroupCard({ group, members, documents, busy, client, act, onRename, onDelete }: Props): JSX.Element {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(group.name);
  const [confirming, setConfirming] = useState(false);
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (await onRename(name.trim())) setRenaming(false);
  };
  const inputId = `class-rename-${group.id}`;

  return (
    <li className="class-group" data-group-id={group.id}>
      {renaming ? (
        <form className="class-inline-form" onSubmit={rename}>
          <label htmlFor={inputId}>{t("class.groupName")}</label>
          <input id={inputId} dir="auto" value={name} maxLength={MAX_GROUP_NAME} required onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || name.trim() === ""}>
            {t("class.save")}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setRenaming(false)}>
            {t("common.cancel")}
          </button>
        </form>
      ) : (
        <div className="class-group-head">
          <h3 dir="auto">{group.name}</h3>
          <button type="button" className="btn btn-ghost btn-small" aria-label={t("class.renameGroup", { name: group.name })} onClick={() => setRenaming(true)}>
            {t("class.rename")}
          </button>
          <button type="button" className="btn btn-ghost btn-small" aria-label={t("class.deleteGroup", { name: group.name })} onClick={() => setConfirming(true)}>
            {t("class.delete")}
          </button>
        </div>
      )}
      <p className="small">
        <span className="muted">{t("class.membersLabel")}</span>{" "}
        {members.length === 0
          ? "—"
          : members.map((m, i) => (
              <span key={m.id} className={m.online > 0 ? "class-name is-online" : "class-name"}>
                {i > 0 && ", "}
                <span dir="auto">{m.name}</span>
                {m.online > 0 && <span className="class-online-dot" title={t("class.onlineNow")} aria-label={t("class.onlineNow")} role="img" />}
              </span>
            ))}
      </p>
      <p className="small">
        <span className="muted">{t("class.documentsLabel")}</span> {documents.length === 0 ? "—" : documents.map((d) => d.title).join(", ")}
      </p>
      <GroupLockControls group={group} client={client} busy={busy} act={act} />
      {confirming && (
        <ConfirmDialog
          title={t("class.deleteGroupTitle", { name: group.name })}
          look="class"
          confirmLabel={t("class.delete")}
          busy={busy}
          onConfirm={async () => {
            await onDelete();
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("class.deleteGroupBody")}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
