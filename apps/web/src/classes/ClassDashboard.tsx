/**
 * @module ClassDashboard
 * A teacher's view of her class (issue 13), the root of its own lazily loaded chunk: groups
 * with their members and documents, the roster (role, group, last activity, online now,
 * personal sign-in code, remove), who waits to join with the class code, each document's group and lock, and read-only share links. It shows in the
 * workspace screen in place of a document (`/w/<id>/class`), so the sidebar stays and the
 * documents keep their titles from the workspace index. Everything it shows comes from the
 * relay (ClassClient), which decides again on every request: the page is a view, the relay
 * the authority.
 */
import { type JSX, useEffect, useMemo, useRef } from "react";
import { ClassClient, type Membership, type WorkspaceSession } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import "./class-strings.ts";
import { navigate } from "../ui/use-route.ts";
import { DocumentsSection } from "./DocumentsSection.tsx";
import { GroupsSection } from "./GroupsSection.tsx";
import { MembersSection } from "./MembersSection.tsx";
import { ShareLinksSection } from "./ShareLinksSection.tsx";
import { useClassData } from "./use-class-data.ts";
import { WaitingSection } from "./WaitingSection.tsx";
import "./classes.css";

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  onOpenDoc(docId: string): void;
}

export function ClassDashboard({ session, membership, onOpenDoc }: Props): JSX.Element {
  const { t } = useTranslation();
  const workspaceId = membership.workspace.id;
  // The token is read on every call: the session refreshes it.
  const tokenRef = useRef(membership.token);
  tokenRef.current = membership.token;
  const client = useMemo(() => new ClassClient({ workspaceId, token: () => tokenRef.current }), [workspaceId]);
  const { data, loadError, status, busy, act } = useClassData(client, t);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  return (
    <section className="class-dashboard" aria-labelledby="class-title" data-testid="class-dashboard">
      <header className="class-head">
        <h1 id="class-title" ref={titleRef} tabIndex={-1} dir="auto">
          {t("class.title", { name: membership.workspace.name })}
        </h1>
        <button type="button" className="btn btn-primary" onClick={() => navigate({ kind: "class", workspaceId, page: "cards" })}>
          {t("class.printCards")}
        </button>
      </header>
      <p className="muted small">{t("class.intro")}</p>
      <p className={status?.kind === "error" ? "form-error class-status" : "class-status class-done"} role={status?.kind === "error" ? "alert" : "status"}>
        {status?.text ?? ""}
      </p>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {data === null ? (
        !loadError && <p className="muted">{t("common.oneMoment")}</p>
      ) : (
        <>
          <WaitingSection client={client} data={data} busy={busy} act={act} />
          <GroupsSection client={client} data={data} session={session} busy={busy} act={act} />
          <MembersSection client={client} data={data} busy={busy} act={act} />
          <DocumentsSection client={client} data={data} session={session} busy={busy} act={act} onOpenDoc={onOpenDoc} />
          <ShareLinksSection client={client} data={data} session={session} busy={busy} act={act} />
        </>
      )}
    </section>
  );
}
