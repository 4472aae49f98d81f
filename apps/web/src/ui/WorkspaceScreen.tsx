/**
 * @module WorkspaceScreen
 * One workspace: header (connection, presence, sharing), the document sidebar and the open
 * document. The WorkspaceSession keeps every document of the workspace on the device and in
 * sync in the background, whether or not it is open here.
 */
import { type JSX, useEffect, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type Membership, WorkspaceSession, memberKey } from "@quire/client";
import { ClassButton } from "../classes/ClassButton.tsx";
import { LazyClassDashboard } from "../classes/LazyClass.tsx";
import { userColor } from "../editor/user-color.ts";
import { searchUsedBefore, WorkspaceSearch } from "../search/WorkspaceSearch.ts";
import type { AppServices } from "./app-services.ts";
import { ClassAccessNotice } from "./ClassAccessNotice.tsx";
import { ConnectionPill } from "./ConnectionPill.tsx";
import { Icon } from "./Icon.tsx";
import { InvitePending } from "./InvitePending.tsx";
import { DocumentView } from "./DocumentView.tsx";
import { EmptyWorkspace } from "./EmptyWorkspace.tsx";
import { Logo } from "./Logo.tsx";
import { NewJoinCodes } from "./NewJoinCodes.tsx";
import { ShareButton } from "./ShareButton.tsx";
import { Sidebar } from "./Sidebar.tsx";
import { SyncFileMenu } from "./SyncFileMenu.tsx";
import { useOfflineReadiness } from "./use-offline-readiness.ts";
import { StorageBanner } from "./StorageBanner.tsx";
import { StorageUsage } from "./StorageUsage.tsx";
import { useDrawer } from "./use-drawer.ts";
import { useBrowserOnline } from "./use-online.ts";
import { navigate } from "./use-route.ts";
import { useStoreValue } from "./use-store-value.ts";
import { useUnsavedWorkFlusher } from "./use-unsaved-work-flusher.ts";
import { WhoIsWriting } from "./WhoIsWriting.tsx";

interface Props {
  services: AppServices;
  membership: Membership;
  docId: string | null;
  /** Show the class dashboard (issue 13) where the document would be. */
  classDashboard?: boolean;
}

export function WorkspaceScreen({ services, membership, docId, classDashboard = false }: Props): JSX.Element {
  const { t } = useTranslation();
  const [session, setSession] = useState<WorkspaceSession | null>(null);
  // One session per person (App keys this screen by person): a refreshed token or the
  // registration of a workspace started offline arrives as a new membership object and must
  // not reopen every connection; the session applies those itself.
  const person = memberKey(membership);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reopened per person, not per membership object
  useEffect(() => {
    const opened = WorkspaceSession.open(membership, { onMembershipChange: (m) => services.memberships.save(m) });
    services.memberships.setLastOpened(membership.workspace.id);
    setSession(opened);
    return () => opened.destroy();
  }, [person, services]);
  // Made with the session, not in an effect after it: an extra render behind the loading
  // screen let a student's first tap on the drawer button land on nothing (e2e, phones).
  // biome-ignore lint/correctness/useExhaustiveDependencies: one index per person and session
  const search = useMemo(() => (session ? new WorkspaceSearch(session, membership) : null), [session]);
  useEffect(() => {
    if (!search) return;
    // Indexing (off the main thread) starts once the page has settled, if search was used on
    // this device before; otherwise when the student first focuses the search field.
    const start = setTimeout(() => searchUsedBefore() && search.start(), 1_000);
    return () => {
      clearTimeout(start);
      search.destroy();
    };
  }, [search]);
  useUnsavedWorkFlusher(services, membership);
  const colors = useMemo(() => userColor(membership.user.id), [membership.user.id]);
  const drawer = useDrawer();

  if (!session || !search) return <div className="loading-screen">{t("workspace.opening", { name: membership.workspace.name })}</div>;
  const open = (id: string | null) => navigate({ kind: "workspace", workspaceId: membership.workspace.id, docId: id });
  return (
    <div className="workspace">
      <header className="topbar">
        {/* Narrow screens only (CSS): the sidebar becomes a drawer behind this button. */}
        <button
          type="button"
          ref={drawer.toggleRef}
          className="drawer-toggle"
          aria-label={t("workspace.documents")}
          aria-expanded={drawer.open}
          aria-controls="documents-drawer"
          onClick={drawer.toggle}
        >
          <Icon name="menu" size={22} />
        </button>
        <button type="button" className="topbar-home" title={t("workspace.home")} onClick={() => navigate({ kind: "start" })}>
          <Logo size={28} />
        </button>
        <div className="topbar-title">
          <span className="topbar-ws" dir="auto">{membership.workspace.name}</span>
          <span className="muted small">
            {t("workspace.memberRole", { name: membership.user.name, role: membership.role === "viewer" ? t("role.viewer") : t("role.editor") })}
          </span>
        </div>
        <WhoIsWriting services={services} membership={membership} />
        <div className="topbar-spacer" />
        <ClassButton services={services} membership={membership} active={classDashboard} />
        <BackgroundSyncNote session={session} />
        <ConnectionPill session={session} />
        <SyncFileMenu session={session} membership={membership} />
        <InvitePending session={session} membership={membership} />
        {membership.owner && membership.joinCodes && (
          <ShareButton codes={membership.joinCodes}>
            <StorageUsage api={services.api} membership={membership} />
            <NewJoinCodes
              api={services.api}
              membership={membership}
              onRotated={(m) => {
                // The session too: its next token refresh saves its membership, codes included.
                session.updateMembership(m);
                services.memberships.save(m);
              }}
            />
          </ShareButton>
        )}
      </header>
      <StorageBanner monitor={services.storage} />
      <ClassAccessNotice session={session} membership={membership} />
      <div className="workspace-body">
        <div id="documents-drawer" ref={drawer.panelRef} className={`drawer${drawer.open ? " is-open" : ""}`}>
          <Sidebar
            session={session}
            membership={membership}
            activeDocId={docId}
            search={search}
            onOpen={(id) => {
              drawer.close();
              open(id);
            }}
          />
        </div>
        {drawer.open && <div className="drawer-backdrop" aria-hidden="true" onClick={drawer.close} />}
        {/* Behind an open drawer the page is inert: Tab and screen readers stay in the list. */}
        <main className="workspace-main" inert={drawer.open}>
          {classDashboard ? (
            <LazyClassDashboard session={session} membership={membership} onOpenDoc={open} />
          ) : docId ? (
            <DocumentView
              key={docId}
              session={session}
              membership={membership}
              docId={docId}
              colors={colors}
              storage={services.storage}
            />
          ) : (
            <EmptyWorkspace session={session} membership={membership} onOpen={open} />
          )}
        </main>
      </div>
    </div>
  );
}

function BackgroundSyncNote({ session }: { session: WorkspaceSession }): JSX.Element | null {
  const pending = useStoreValue(session, (l) => session.backgroundSync.subscribe(l), () => session.backgroundSync.pending());
  const connection = useStoreValue(session, (l) => session.subscribeConnection(l), () => session.connection());
  const online = useBrowserOnline();
  const readiness = useOfflineReadiness();
  const { t } = useTranslation();
  // Said whether connected or not, and on phones too: reloading here with no network fails.
  if (readiness === "unavailable")
    return (
      <span className="offline-warn small" data-testid="offline-unavailable">
        {t("workspace.offlineUnavailable")}
      </span>
    );
  if (connection !== "online" || !online) return null;
  return (
    <span className="bg-sync muted small" data-testid="background-sync" data-pending={pending} data-readiness={readiness}>
      {pending > 0 ? t("workspace.savingOffline", { count: pending }) : readiness === "ready" ? t("workspace.allOffline") : t("workspace.offlinePreparing")}
    </span>
  );
}
