/**
 * @module GroupsSection
 * The class's groups, each with its members (and who of them is online) and its documents,
 * and a form to add one. Students without a group and class-wide documents are listed too, so
 * the teacher sees at a glance who still needs a group.
 */
import { type FormEvent, type JSX, useState } from "react";
import { type ClassClient, MAX_GROUP_NAME, type WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import { GroupCard } from "./GroupCard.tsx";
import type { ClassData, useClassData } from "./use-class-data.ts";
import { useDocTitles } from "./use-doc-titles.ts";

export interface SectionProps {
  client: ClassClient;
  data: ClassData;
  busy: boolean;
  act: ReturnType<typeof useClassData>["act"];
}

export function GroupsSection({ client, data, session, busy, act }: SectionProps & { session: WorkspaceSession }): JSX.Element {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const titles = useDocTitles(session, data);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (await act(() => client.createGroup(trimmed), t("class.groupAdded", { name: trimmed }))) setName("");
  };
  const ungrouped = data.members.filter((m) => m.role !== "teacher" && m.groupIds.length === 0);
  const classWide = titles.filter((d) => d.groupId === null);

  return (
    <section className="class-section" aria-labelledby="class-groups">
      <h2 id="class-groups">{t("class.groups")}</h2>
      <form className="class-inline-form" onSubmit={submit}>
        <label htmlFor="class-new-group">{t("class.newGroupName")}</label>
        <input id="class-new-group" dir="auto" value={name} maxLength={MAX_GROUP_NAME} required onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || name.trim() === ""}>
          {t("class.addGroup")}
        </button>
      </form>
      {data.groups.length === 0 && <p className="muted small">{t("class.noGroups")}</p>}
      <ul className="class-groups">
        {data.groups.map((group) => (
          <GroupCard
            key={group.id}
            group={group}
            members={data.members.filter((m) => m.groupIds.includes(group.id))}
            documents={titles.filter((d) => d.groupId === group.id)}
            busy={busy}
            client={client}
            act={act}
            onRename={(newName) => act(() => client.renameGroup(group.id, newName), t("class.groupRenamed", { name: newName }))}
            onDelete={() => act(() => client.deleteGroup(group.id), t("class.groupDeleted", { name: group.name }))}
          />
        ))}
        <li className="class-group is-class-wide">
          <h3>{t("class.wholeClass")}</h3>
          <p className="small">
            <span className="muted">{t("class.notInGroup")}</span> {ungrouped.length === 0 ? "—" : ungrouped.map((m) => m.name).join(", ")}
          </p>
          <p className="small">
            <span className="muted">{t("class.classWideDocs")}</span> {classWide.length === 0 ? "—" : classWide.map((d) => d.title).join(", ")}
          </p>
        </li>
      </ul>
    </section>
  );
}
