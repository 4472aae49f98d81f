/**
 * @module use-route
 * Tiny history-API router: the current route and a navigate() that pushes a new path.
 */
import { useSyncExternalStore } from "react";
import { parseRoute, type Route, routePath } from "./route.ts";

const listeners = new Set<() => void>();
let current: { path: string; route: Route } | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function snapshot(): Route {
  const path = window.location.pathname;
  if (current === null || current.path !== path) current = { path, route: parseRoute(path) };
  return current.route;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const path = routePath(route);
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}
