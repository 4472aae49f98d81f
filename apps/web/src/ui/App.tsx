/**
 * @module App
 * Top level: the start screen, or a workspace this device is a member of. Memberships live in
 * localStorage, so a reload with no network still opens the workspace.
 */
import { type JSX, useEffect, useMemo } from "react";
import type { AppServices } from "./app-services.ts";
import { StartScreen } from "./StartScreen.tsx";
import { navigate, useRoute } from "./use-route.ts";
import { WorkspaceScreen } from "./WorkspaceScreen.tsx";

export function App({ services }: { services: AppServices }): JSX.Element {
  const route = useRoute();
  const workspaceId = route.kind === "workspace" ? route.workspaceId : null;
  // Keyed on the id, not the route object: opening another document of the same workspace
  // must not hand the workspace a "new" membership (that would reopen every connection).
  const membership = useMemo(
    () => (workspaceId === null ? undefined : services.memberships.get(workspaceId)),
    [workspaceId, services],
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

  if (route.kind === "workspace" && membership) {
    return <WorkspaceScreen key={membership.workspace.id} services={services} membership={membership} docId={route.docId} />;
  }
  return (
    <StartScreen
      services={services}
      unknownWorkspace={route.kind === "workspace"}
      onOpen={(m) => navigate({ kind: "workspace", workspaceId: m.workspace.id, docId: null })}
    />
  );
}
