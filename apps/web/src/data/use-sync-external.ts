/**
 * @module use-sync-external
 * Thin wrapper over React's useSyncExternalStore for the data layer's subscribe/get pairs.
 * `get` must return the same value until something changed (our stores cache their snapshots).
 */
import { useSyncExternalStore } from "react";

export function useSyncExternal<T>(subscribe: (listener: () => void) => () => void, get: () => T): T {
  return useSyncExternalStore(subscribe, get, get);
}
