/**
 * @module App
 * Top level: the start screen, or a workspace this device is a member of. Memberships live in
 * localStorage, so a reload with no network still opens the workspace.
 */
import { type JSX, lazy, Suspense, useEffect } from "react";
import { memberKey } from "@quire/client";
import { LazySignInCards, LazyWaitingToJoin } from "../classes/LazyClass.tsx";
import type { AppServices } from "./app-services.ts";
import { ChunkLoadBoundary } from "./ChunkLoadBoundary.tsx";
import { StartScreen } from "./StartScreen.tsx";
import { navigate, useRoute } from "./use-route.ts";
import { useStoreValue } from "./use-store-value.ts";
import { WorkspaceScreen } from "./WorkspaceScreen.tsx";
import { useTranslation } from "../i18n/use-translation.ts";

// Signing in by a card's link needs the relay anyway: its own chunk, not in the first load.
const SignInLink = lazy(() => import("../classes/SignInLink.tsx").then((m) => ({ default: m.SignInLink })));
// A read-only share link (issue 13) is read from the relay: its own chunk too.
const SharePage = lazy(() => import("../share/SharePage.tsx").then((m) => ({ default: m.SharePage })));

export function App({ services }: { services: AppServices }): JSX.Element {
  const { t } = useTranslation();
  const route = useRoute();
  const workspaceId = route.kind === "workspace" || route.kind === "class" ? route.workspaceId : null;
  // The person writing in this workspace on this device, live: another person chosen in
  // "Who is writing?" (or in another tab) reopens the workspace as them (the screen is keyed
  // by person); a new token or a registration of the same person keeps it open. Compared by
  // value, so opening another document of the workspace is not a "new" membership either.
  const memberships = services.memberships;
  const membership = useStoreValue(
    memberships,
    (listener) => memberships.subscribe(listener),
    () => (workspaceId === null ? undefined : memberships.get(workspaceId)),
  );
  useEffect(() => {
    // Launching the app (or the installed PWA, whose start_url is "/") goes straight back to
    // the last workspace, like a notebook left open. Only at launch: the logo button still
    // leads to the start screen.
    if (window.location.pathname !== "/") return;
    const last = services.memberships.lastOpened();
    if (last && services.memberships.get(last)) navigate({ kind: "workspace", workspaceId: last, docId: null }, { replace: true });
  }, [services]);
  useEffect(() => {
    // Ask once for storage the browser will not evict: the device copy is the only copy
    // while offline.
    void services.storage.requestPersist().finally(() => services.storage.refresh());
  }, [services]);

  if (route.kind === "signIn") {
    return (
      <ChunkLoadBoundary message={t("class.loadFailed")} onRetry={() => location.reload()}>
        <Suspense fallback={null}>
          <SignInLink services={services} />
        </Suspense>
      </ChunkLoadBoundary>
    );
  }
  if (route.kind === "share") {
    return (
      <ChunkLoadBoundary message={t("class.loadFailed")} onRetry={() => location.reload()}>
        <Suspense fallback={null}>
          <SharePage />
        </Suspense>
      </ChunkLoadBoundary>
    );
  }
  // The cards are a page of their own, for the printer: no workspace around them.
  if (route.kind === "class" && route.page === "cards" && membership) return <LazySignInCards membership={membership} />;
  // A class-code join a teacher has not let in (issue 13): the relay refuses it everything.
  if ((route.kind === "workspace" || route.kind === "class") && membership?.admission) return <LazyWaitingToJoin services={services} membership={membership} />;
  if ((route.kind === "workspace" || route.kind === "class") && membership) {
    // The class dashboard sits in the workspace screen (same key: the session stays open),
    // which knows the documents' titles.
    return (
      <WorkspaceScreen
        key={`${membership.workspace.id} ${memberKey(membership)}`}
        services={services}
        membership={membership}
        docId={route.kind === "workspace" ? route.docId : null}
        classDashboard={route.kind === "class"}
      />
    );
  }
  return (
    <StartScreen
      services={services}
      unknownWorkspace={route.kind === "workspace" || route.kind === "class"}
      onOpen={(m) => navigate({ kind: "workspace", workspaceId: m.workspace.id, docId: null })}
    />
  );
}
