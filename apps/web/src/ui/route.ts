/**
 * @module route
 * The app's three places, kept in the URL path so a reload (also offline, through the service
 * worker's navigation fallback) comes back to the same document:
 * `/` start, `/w/<workspaceId>` a workspace, `/w/<workspaceId>/<docId>` a document.
 */

export type Route = { kind: "start" } | { kind: "workspace"; workspaceId: string; docId: string | null };

const WORKSPACE = /^w[a-z0-9]{10}$/;
const DOC = /^d[a-z0-9]{10}$/;

/** Parses a location path; anything unknown is the start screen. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "w" || parts.length < 2 || parts.length > 3) return { kind: "start" };
  const workspaceId = parts[1] ?? "";
  if (!WORKSPACE.test(workspaceId)) return { kind: "start" };
  const docId = parts[2];
  if (docId === undefined) return { kind: "workspace", workspaceId, docId: null };
  return DOC.test(docId) ? { kind: "workspace", workspaceId, docId } : { kind: "workspace", workspaceId, docId: null };
}

/** The path for a route. */
export function routePath(route: Route): string {
  if (route.kind === "start") return "/";
  return route.docId ? `/w/${route.workspaceId}/${route.docId}` : `/w/${route.workspaceId}`;
}
