/**
 * @module SaveStatus
 * Always-visible save state of the open document (see save-status-text.ts). A device write
 * error is also reported to the storage monitor so the banner explains it.
 *
 * The state changes a few times per keystroke (sending → saved to the relay), so the span is
 * updated directly from the handle's listener instead of through React state. Any React commit
 * while the editor has focus makes React DOM record the selection as a character offset inside
 * the focused element (getSelectionInformation), a walk over every text node of the
 * contenteditable: ~1 ms per commit for the 1,173 paragraphs of bench 8, and proportional to
 * the document (bench/FINDINGS.md F8). React renders this span once per handle; the listener
 * keeps its class, data attributes and text current.
 */
import { type JSX, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { DocHandle, SaveState, StorageMonitor } from "../data/index.ts";
import { saveStatusText } from "./save-status-text.ts";
import { useBrowserOnline } from "./use-online.ts";

export function SaveStatus({ handle, storage }: { handle: DocHandle; storage: StorageMonitor }): JSX.Element {
  const online = useBrowserOnline();
  const span = useRef<HTMLSpanElement>(null);
  // Only a device error goes through React state: it changes rarely and drives an effect.
  const [deviceError, setDeviceError] = useState<string | null>(null);
  useLayoutEffect(() => {
    const show = () => {
      const element = span.current;
      if (!element) return;
      const state = shownState(handle.saveState(), online);
      const { text, tone } = saveStatusText(state, online);
      element.className = `save-state save-${tone}`;
      element.dataset.device = state.device;
      element.dataset.relay = state.relay;
      element.dataset.pending = String(state.pendingChanges);
      if (element.textContent !== text) element.textContent = text;
      setDeviceError(state.device === "error" ? (state.error ?? "write failed") : null);
    };
    show();
    return handle.subscribe(show);
  }, [handle, online]);
  useEffect(() => {
    if (deviceError !== null) storage.reportWriteError(new Error(deviceError));
  }, [deviceError, storage]);
  return <span ref={span} role="status" aria-live="polite" data-testid="save-state" />;
}

/** Loading stays loading; otherwise the browser's "offline" wins over a socket not yet timed out. */
function shownState(reported: SaveState, online: boolean): SaveState {
  return online || reported.device === "loading" ? reported : { ...reported, relay: "offline" };
}
