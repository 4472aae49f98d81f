/**
 * @module route
 * The app's places, kept in the URL path so a reload (also offline, through the service
 * worker's navigation fallback) comes back to the same document:
 * `/` start, `/w/<workspaceId>` a workspace, `/w/<workspaceId>/<docId>` a document,
 * `/w/<workspaceId>/class` a teacher's class dashboard and `/w/<workspaceId>/class/cards` its
 * sign-in cards (issue 13), `/signin` a student's sign-in link (the code is in the fragment,
 * which no request carries: see classes/sign-in-link.ts).
 */

export type ClassPage = "dashboard" | "cards";
export type Route =
  | { kind: "start" }
  | { kind: "workspace"; workspaceId: string; docId: string | null }
  | { kind: "class"; workspaceId: string; page: ClassPage }
  | { kind: "signIn" }
  | { kind: "share" };

const WORKSPACE = /^w[a-z0-9]{10}$/;
const DOC = /^d[a-z0-9]{10}$/;

/** Parses a location path; anything unknown is the start screen. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length === 1 && parts[0] === "signin") return { kind: "signIn" };
  if (parts.length === 1 && parts[0] === "share") return { kind: "share" };
  if (parts[0] !== "w" || parts.length < 2 || parts.length > 4) return { kind: "start" };
  const workspaceId = parts[1] ?? "";
  if (!WORKSPACE.test(workspaceId)) return { kind: "start" };
  if (parts[2] === "class" && parts.length === 3) return { kind: "class", workspaceId, page: "dashboard" };
  if (parts[2] === "class" && parts[3] === "cards") return { kind: "class", workspaceId, page: "cards" };
  if (parts.length === 4) return { kind: "start" };
  const docId = parts[2];
  if (docId === undefined) return { kind: "workspace", workspaceId, docId: null };
  return DOC.test(docId) ? { kind: "workspace", workspaceId, docId } : { kind: "workspace", workspaceId, docId: null };
}

/** The path for a route. */
export function routePath(route: Route): string {
  if (route.kind === "start") return "/";
  if (route.kind === "signIn") return "/signin";
  if (route.kind === "share") return "/share";
  if (route.kind === "class") return route.page === "cards" ? `/w/${route.workspaceId}/class/cards` : `/w/${route.workspaceId}/class`;
  return route.docId ? `/w/${route.workspaceId}/${route.docId}` : `/w/${route.workspaceId}`;
}
