/**
 * @module SaveStatus
 * Always-visible save state of the open document (see save-status-text.ts). A device write
 * error is also reported to the storage monitor so the banner explains it.
 */
import { type JSX, useEffect } from "react";
import type { DocHandle, StorageMonitor } from "../data/index.ts";
import { useBrowserOnline } from "./use-online.ts";
import { useStoreValue } from "./use-store-value.ts";
import { saveStatusText } from "./save-status-text.ts";

export function SaveStatus({ handle, storage }: { handle: DocHandle; storage: StorageMonitor }): JSX.Element {
  const reported = useStoreValue(handle, (l) => handle.subscribe(l), () => handle.saveState());
  // Loading stays loading; otherwise the browser's "offline" wins over a socket not yet timed out.
  const online = useBrowserOnline();
  const state = online || reported.device === "loading" ? reported : { ...reported, relay: "offline" as const };
  const { text, tone } = saveStatusText(state);
  useEffect(() => {
    if (state.device === "error") storage.reportWriteError(new Error(state.error ?? "write failed"));
  }, [state.device, state.error, storage]);
  return (
    <span
      className={`save-state save-${tone}`}
      role="status"
      aria-live="polite"
      data-testid="save-state"
      data-device={state.device}
      data-relay={state.relay}
      data-pending={state.pendingChanges}
    >
      {text}
    </span>
  );
}
