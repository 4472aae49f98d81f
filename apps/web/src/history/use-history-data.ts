/**
 * @module use-history-data
 * Loads what the panel shows for one document: the relay's versions list and history bundle
 * (records, bindings, checkpoints), and indexes them with this device's copy of the doc into a
 * `DocHistory` (packages/history). The index is built on a copy: building a version may split
 * structs (no content change, but the live doc and its editor binding are left alone), and a
 * DocHistory does not follow later changes anyway. `reload()` fetches and indexes again (after
 * naming, restoring, reverting, or when the teacher asks), and the panel follows the live doc
 * (AUTO_REFRESH_MS after it changed).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import * as Y from "yjs";
import { type DocHandle, type HistoryBundle, type HistoryClient, type VersionInfo, ApiError } from "@quire/client";
import { createQuireDoc } from "@quire/core";
import { DocHistory } from "@quire/history";

/**
 * The panel re-reads the history this long after the live doc changed (not more often): B4's
 * 13k records index in ~0.3–0.8 s in a tab, and a teacher reading a diff should not have it
 * rebuilt under every keystroke of a class.
 */
export const AUTO_REFRESH_MS = 3_000;

export interface HistoryData {
  versions: VersionInfo[];
  bundle: HistoryBundle;
  history: DocHistory;
  /** When this was read (relay answers and the device copy). */
  loadedAt: number;
}

export type HistoryState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; data: HistoryData };

export function useHistoryData(client: HistoryClient, handle: DocHandle): { state: HistoryState; reload(): void } {
  const [state, setState] = useState<HistoryState>({ status: "loading" });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    void (async () => {
      try {
        const [versions, bundle] = await Promise.all([client.versions(handle.docName), client.history(handle.docName)]);
        // The relay's records cover what it has; this device's copy has all of that once it
        // synced (and perhaps local edits not recorded yet, which show as the reader's own).
        const copy = createQuireDoc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(handle.doc));
        const history = new DocHistory(copy, bundle.records, bundle.bindings);
        if (mine === generation.current) setState({ status: "ready", data: { versions, bundle, history, loadedAt: Date.now() } });
      } catch (error) {
        const message = error instanceof ApiError ? error.message : String(error);
        if (mine === generation.current) setState({ status: "error", message });
      }
    })();
  }, [client, handle]);
  useEffect(() => {
    reload();
    // Follow the live document while the panel is open (a restore arriving, classmates
    // typing), at most once per AUTO_REFRESH_MS: indexing a long history takes a moment.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, AUTO_REFRESH_MS);
    };
    handle.doc.on("update", onUpdate);
    return () => {
      generation.current++;
      handle.doc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [reload, handle]);
  return { state, reload };
}
