/**
 * @module MembersSection
 * The roster: one row per member (MemberRow.tsx) and a form to add a student (or a viewer for
 * a parent, a reviewer) to it. A new roster entry comes with her personal sign-in code, to
 * print on her card; the count of those online now heads the list.
 */
import { type FormEvent, type JSX, useState } from "react";
import { MAX_MEMBER_NAME } from "@quire/client";
import type { ClassRole } from "@quire/core";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SectionProps } from "./GroupsSection.tsx";
import { MemberRow } from "./MemberRow.tsx";
import { ROLE_KEYS } from "./role-names.ts";

export function MembersSection({ client, data, busy, act }: SectionProps): JSX.Element {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [role, setRole] = useState<ClassRole>("student");
  const [groupId, setGroupId] = useState("");
  const online = data.members.filter((m) => m.online > 0).length;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (await act(() => client.addMember(trimmed, role, groupId ? [groupId] : []), t("class.memberAdded", { name: trimmed }))) setName("");
  };

  return (
    <section className="class-section" aria-labelledby="class-members">
      <h2 id="class-members">{t("class.members")}</h2>
      <p className="muted small" data-testid="class-online-count">
        {t("class.onlineCount", { count: online })}
      </p>
      <form className="class-add-member" onSubmit={submit}>
        <label>
          {t("class.studentName")}
          <input name="memberName" dir="auto" value={name} maxLength={MAX_MEMBER_NAME} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t("class.role")}
          <select value={role} onChange={(e) => setRole(e.target.value as ClassRole)}>
            {ROLE_KEYS.map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("class.group")}
          <select value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t("class.noGroup")}</option>
            {data.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || name.trim() === ""}>
          {t("class.addMember")}
        </button>
      </form>
      <ul className="class-members" data-testid="class-members">
        {data.members.map((member) => (
          <MemberRow key={member.id} member={member} groups={data.groups} client={client} busy={busy} act={act} />
        ))}
      </ul>
    </section>
  );
}
