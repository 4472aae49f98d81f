/**
 * @module load-history
 * The history panel (the history library, diffs, a read-only Lexical view, charts) is a chunk
 * of its own, fetched the first time someone opens History: the first visit is at 245 of its
 * 250 KB budget, and most visits never open it. Invariants as load-editor.ts: requested once
 * and shared; a failed request is forgotten so the next open tries again. The chunk is also
 * left out of the service worker's precache (vite.config.ts): history is read from the relay,
 * so it is of no use offline and must not weigh on the first visit.
 */
import type * as HistoryModule from "./HistoryPanel.tsx";

let pending: Promise<typeof HistoryModule> | null = null;

export function loadHistory(): Promise<typeof HistoryModule> {
  pending ??= import("./HistoryPanel.tsx").catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
