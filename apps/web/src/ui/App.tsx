/**
 * @module App
 * Top level: the start screen, or a workspace this device is a member of. Memberships live in
 * localStorage, so a reload with no network still opens the workspace.
 */
import { type JSX, useEffect } from "react";
import { memberKey } from "@quire/client";
import type { AppServices } from "./app-services.ts";
import { StartScreen } from "./StartScreen.tsx";
import { navigate, useRoute } from "./use-route.ts";
import { useStoreValue } from "./use-store-value.ts";
import { WorkspaceScreen } from "./WorkspaceScreen.tsx";

export function App({ services }: { services: AppServices }): JSX.Element {
  const route = useRoute();
  const workspaceId = route.kind === "workspace" ? route.workspaceId : null;
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

  if (route.kind === "workspace" && membership) {
    return (
      <WorkspaceScreen
        key={`${membership.workspace.id} ${memberKey(membership)}`}
        services={services}
        membership={membership}
        docId={route.docId}
      />
    );
  }
  return (
    <StartScreen
      services={services}
      unknownWorkspace={route.kind === "workspace"}
      onOpen={(m) => navigate({ kind: "workspace", workspaceId: m.workspace.id, docId: null })}
    />
  );
}
