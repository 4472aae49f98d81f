/**
 * @module WaitingSection
 * "Waiting to join" on the teacher's dashboard (issue 13): the class-code setting — let
 * students in at once, or ask me first — and everyone who joined with the class code and
 * waits. For each: let her in as a new student, or as the roster member she picked (or any
 * other student: her device then becomes that member, the same as with her sign-in card),
 * or decline. The list is read with the roster's poll, so a new arrival shows within seconds.
 */
import { type JSX, useState } from "react";
import type { JoinMode, JoinRequest } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SectionProps } from "./GroupsSection.tsx";

const NEW_STUDENT = "";

function WaitingRow({ request, client, data, busy, act }: SectionProps & { request: JoinRequest }): JSX.Element {
  const { t } = useTranslation();
  const students = data.members.filter((m) => m.role !== "teacher");
  // Follows her pick (it may arrive with a later poll) until the teacher chooses herself.
  const [chosen, setAs] = useState<string | null>(null);
  const as = chosen ?? request.picked?.id ?? NEW_STUDENT;
  const asName = students.find((m) => m.id === as)?.name;
  return (
    <li className="class-waiting-row" data-testid="class-waiting-row">
      <span dir="auto" className="class-waiting-name">
        {request.name}
      </span>
      {request.picked && (
        <span className="muted small" dir="auto">
          {t("class.joinPicked", { name: request.picked.name })}
        </span>
      )}
      <label>
        {t("class.joinLetInAs")}
        <select value={as} onChange={(e) => setAs(e.target.value)} data-testid="class-waiting-as">
          <option value={NEW_STUDENT}>{t("class.joinAsNew")}</option>
          {students.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-primary btn-small"
        disabled={busy}
        onClick={() =>
          void act(
            () => client.decideJoin(request.id, "admit", as === NEW_STUDENT ? undefined : as),
            t("class.joinLetIn", { name: asName ?? request.name }),
          )
        }
      >
        {t("class.joinLetInButton")}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void act(() => client.decideJoin(request.id, "decline"), t("class.joinDeclined", { name: request.name }))}
      >
        {t("class.joinDecline")}
      </button>
    </li>
  );
}

export function WaitingSection(props: SectionProps): JSX.Element {
  const { t } = useTranslation();
  const { client, data, busy, act } = props;
  const { mode, requests } = data.joins;
  const setMode = (next: JoinMode) => void act(() => client.setJoinMode(next), next === "ask" ? t("class.joinModeAskSet") : t("class.joinModeOpenSet"));
  return (
    <section className="class-section" aria-labelledby="class-waiting" data-testid="class-waiting">
      <h2 id="class-waiting">{t("class.waitingTitle", { count: requests.length })}</h2>
      <label>
        {t("class.joinMode")}
        <select value={mode} disabled={busy} onChange={(e) => setMode(e.target.value as JoinMode)} data-testid="class-join-mode">
          <option value="open">{t("class.joinModeOpen")}</option>
          <option value="ask">{t("class.joinModeAsk")}</option>
        </select>
      </label>
      {requests.length === 0 ? (
        <p className="muted small">{t("class.waitingNone")}</p>
      ) : (
        <ul className="class-waiting">
          {requests.map((r) => (
            <WaitingRow key={r.id} request={r} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}
