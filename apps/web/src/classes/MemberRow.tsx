/**
 * @module MemberRow
 * One member of the roster: her name, whether she is online now or when she was last active,
 * her role and group (a select each, labelled with her name so a screen reader says whose),
 * her personal sign-in code with "new code" and "turn off", and remove (asked once more: her
 * devices are cut off at once and her code stops working).
 */
import type { JSX } from "react";
import { useState } from "react";
import type { ClassClient, ClassGroup, ClassMember } from "@quire/client";
import type { ClassRole } from "@quire/core";
import { useTranslation } from "../i18n/use-translation.ts";
import { relativeTime } from "../ui/relative-time.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { ROLE_KEYS } from "./role-names.ts";
import type { SectionProps } from "./GroupsSection.tsx";

interface Props {
  member: ClassMember;
  groups: ClassGroup[];
  client: ClassClient;
  busy: boolean;
  act: SectionProps["act"];
}

export function MemberRow({ member, groups, client, busy, act }: Props): JSX.Element {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = member.name;
  const lastActive =
    member.lastActiveAt === null
      ? t("class.neverActive")
      : t("class.lastActive", { when: relativeTime(member.lastActiveAt, Date.now(), i18n.language, t("class.justNow")) });
  // One select per member; a member in several groups (set through the API) shows her first.
  const groupValue = member.groupIds[0] ?? "";

  return (
    <li className="class-member" data-member-id={member.id} data-online={member.online > 0 ? "true" : "false"}>
      <div className="class-member-who">
        <strong dir="auto">{name}</strong>
        {member.online > 0 && (
          <span className="class-activity is-online" data-testid="member-online">
            <span className="class-online-dot" aria-hidden="true" />
            {t("class.onlineNow")}
          </span>
        )}
        <span className="class-activity muted" data-testid="member-last-active">
          {lastActive}
        </span>
      </div>
      <div className="class-member-controls">
        <select
            aria-label={t("class.roleOf", { name })}
            value={member.role}
            disabled={busy}
            onChange={(e) => {
              const role = e.target.value as ClassRole;
              void act(() => client.updateMember(member.id, { role }), t("class.roleChanged", { name }));
            }}
          >
            {ROLE_KEYS.map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        <select
            aria-label={t("class.groupOf", { name })}
            value={groupValue}
            disabled={busy}
            onChange={(e) => {
              const groupId = e.target.value;
              const group = groups.find((g) => g.id === groupId);
              const done = group ? t("class.moved", { name, group: group.name }) : t("class.movedOut", { name });
              void act(() => client.updateMember(member.id, { groupIds: groupId ? [groupId] : [] }), done);
            }}
          >
            <option value="">{t("class.noGroup")}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
      </div>
      <div className="class-member-code">
        <span className="muted small">{t("class.signInCode")}</span>{" "}
        {member.signInCode === null ? (
          <span className="muted small">{t("class.codeOff")}</span>
        ) : (
          <code data-testid="member-code">{member.signInCode}</code>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t("class.newCodeFor", { name })}
          disabled={busy}
          onClick={() => void act(() => client.rotateSignInCode(member.id), t("class.codeRotated", { name }))}
        >
          {t("class.newCode")}
        </button>
        {member.signInCode !== null && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label={t("class.codeOffFor", { name })}
            disabled={busy}
            onClick={() => void act(() => client.disableSignInCode(member.id), t("class.codeDisabled", { name }))}
          >
            {t("class.turnOff")}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small class-danger-text" aria-label={t("class.removeMember", { name })} disabled={busy} onClick={() => setConfirming(true)}>
          {t("class.remove")}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t("class.removeTitle", { name })}
          look="class"
          confirmLabel={t("class.remove")}
          busy={busy}
          onConfirm={async () => {
            await act(() => client.removeMember(member.id), t("class.removed", { name }));
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("class.removeBody")}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
