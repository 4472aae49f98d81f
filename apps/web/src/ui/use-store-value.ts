/**
 * @module use-store-value
 * Reads a value from a subscribable store (the data layer's subscribe/get pairs) into React.
 * Getters like `saveState()` or `index.get(id)` build a fresh object per call, which
 * useSyncExternalStore would treat as a change on every render (an endless re-render, React
 * error #185). Snapshots are therefore compared by their JSON and the previous object is kept
 * while it is equal. `source` is the object whose identity scopes the subscription.
 */
import { useCallback, useRef, useSyncExternalStore } from "react";

export function useStoreValue<T>(source: object, subscribe: (listener: () => void) => () => void, get: () => T): T {
  const cache = useRef<{ source: object; key: string; value: T } | null>(null);
  const subscribeRef = useRef(subscribe);
  subscribeRef.current = subscribe;
  const getRef = useRef(get);
  getRef.current = get;
  // biome-ignore lint/correctness/useExhaustiveDependencies: resubscribe only when the store object changes
  const stableSubscribe = useCallback((listener: () => void) => subscribeRef.current(listener), [source]);
  const snapshot = () => {
    const value = getRef.current();
    const key = JSON.stringify(value) ?? "undefined";
    const cached = cache.current;
    if (cached && cached.source === source && cached.key === key) return cached.value;
    cache.current = { source, key, value };
    return value;
  };
  return useSyncExternalStore(stableSubscribe, snapshot, snapshot);
}
