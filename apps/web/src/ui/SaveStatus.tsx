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
 *
 * Each write to the span dirties the page's style and layout: a change between two keys (the
 * relay's ack of the previous one) made Chromium lay out the whole long document again at the
 * next keypress, on 97 of 100 keys (F21). So only what changed is written, and while
 * "Sending…" shows, "Saved" or a new count waits SAVED_SETTLE_MS.
 */
import { type JSX, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { DocHandle, SaveState, StorageMonitor } from "@quire/client";
import { announce, baseline } from "./Announcer.tsx";
import { saveStatusText } from "./save-status-text.ts";
import { useBrowserOnline } from "./use-online.ts";

export function SaveStatus({ handle, storage }: { handle: DocHandle; storage: StorageMonitor }): JSX.Element {
  const online = useBrowserOnline();
  // The text is set outside React (below): a language change must redo it.
  const { i18n } = useTranslation();
  const language = i18n.language;
  const span = useRef<HTMLSpanElement>(null);
  // Only a device error goes through React state: it changes rarely and drives an effect.
  const [deviceError, setDeviceError] = useState<string | null>(null);
  // The handle whose first state was recorded as the Announcer's baseline (not spoken).
  const announcedHandle = useRef<DocHandle | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `language` is read through saveStatusText's t
  useLayoutEffect(() => {
    // The state shown last by this effect run (`online` and `language` start a new run). The
    // handle notifies its listeners several times per keystroke and per classmate's update,
    // mostly with its state unchanged; its saveState() returns the same object while nothing
    // changed, so an unchanged state costs one comparison: no text lookup, no DOM write, no
    // announcement restarted (F21: `show` was 0.38 s of main-thread time per 100 keys at 4×
    // throttle, F16).
    let shown: SaveState | null = null;
    let error: string | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const show = (force = false) => {
      const element = span.current;
      if (!element) return;
      const reported = handle.saveState();
      if (reported === shown && !force) return;
      shown = reported;
      const state = shownState(reported, online);
      // "Sending…" shows at once (never claim more than is true). While it shows, the way back
      // to "Saved" and a new count of changes being sent wait up to SAVED_SETTLE_MS and show the
      // latest state then: while she types (every key sent, then acked) the status changes at
      // most twice a second instead of twice per key. Offline counts show at once.
      const calmer = state.relay === "saved" || state.relay === "pending";
      if (!force && element.dataset.relay === "pending" && calmer && state.device === element.dataset.device && state.error === undefined) {
        settle ??= setTimeout(() => {
          settle = undefined;
          show(true);
        }, SAVED_SETTLE_MS);
        return;
      }
      clearTimeout(settle);
      settle = undefined;
      const { text, tone } = saveStatusText(state, online);
      setIfChanged(element, "className", `save-state save-${tone}`);
      setDataIfChanged(element, "device", state.device);
      setDataIfChanged(element, "relay", state.relay);
      setDataIfChanged(element, "pending", String(state.pendingChanges));
      setDataIfChanged(element, "upstream", state.upstream ?? "none"); // On a classroom hub: "pending" or "saved".
      // On a hub: English's words for its levels load with the hub code (not on the first visit).
      if (state.upstream !== undefined) hubStrings ??= import("../hub/hub-strings.ts").then(() => show(true), () => {});
      if (element.textContent !== text) element.textContent = text;
      // Spoken once the state has held for SAVE_SETTLE_MS: never "Saving… Saved" per keystroke.
      if (announcedHandle.current === handle) announce("save", text, SAVE_SETTLE_MS);
      else {
        announcedHandle.current = handle;
        baseline("save", text);
      }
      const nextError = state.device === "error" ? (state.error ?? "write failed") : null;
      // Only a change reaches React: an equal setState can still render this component once.
      if (nextError !== error || force) setDeviceError(nextError);
      error = nextError;
    };
    show(true);
    const unsubscribe = handle.subscribe(() => show());
    return () => {
      unsubscribe();
      clearTimeout(settle);
    };
  }, [handle, online, language]);
  useEffect(() => {
    if (deviceError !== null) storage.reportWriteError(new Error(deviceError));
  }, [deviceError, storage]);
  // Not a live region itself: it changes a few times per keystroke; the Announcer says it.
  return <span ref={span} data-testid="save-state" />;
}

/** The hub's strings, asked for once per page (see save-status-text.ts). */
let hubStrings: Promise<void> | null = null;

/**
 * While "Sending…" shows, "Saved" or a new count waits this long: longer than the gap between
 * a typist's keys (2+ keys/s), short enough that a pause in typing shows "Saved" at once to the eye.
 */
const SAVED_SETTLE_MS = 500;

/** A pause in typing this long, then the save state is said (e.g. "Saved to the relay ✓"). */
const SAVE_SETTLE_MS = 2_500;

/** Writes only a changed value: every attribute write is a DOM mutation and a style invalidation. */
function setIfChanged(element: HTMLElement, key: "className", value: string): void {
  if (element[key] !== value) element[key] = value;
}

function setDataIfChanged(element: HTMLElement, key: string, value: string): void {
  if (element.dataset[key] !== value) element.dataset[key] = value;
}

/** Loading stays loading; otherwise the browser's "offline" wins over a socket not yet timed out. */
function shownState(reported: SaveState, online: boolean): SaveState {
  return online || reported.device === "loading" ? reported : { ...reported, relay: "offline" };
}
