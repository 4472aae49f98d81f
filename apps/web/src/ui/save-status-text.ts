/**
 * @module save-status-text
 * The words for a document's save state. Honest on purpose: "Saved to the relay ✓" only once
 * the relay acknowledged a durable write of every local change; offline says how many changes
 * are waiting.
 */
import type { SaveState } from "../data/index.ts";

export type SaveTone = "ok" | "local" | "busy" | "error";

/**
 * `browserOnline` tells the two kinds of "not connected" apart: no network at all ("Offline")
 * or a network without the relay ("Can't reach the relay").
 */
export function saveStatusText(state: SaveState, browserOnline = false): { text: string; tone: SaveTone } {
  if (state.device === "error") {
    return { text: `Not saved on this device${state.error ? `: ${state.error}` : ""}`, tone: "error" };
  }
  if (state.device === "loading") return { text: "Opening…", tone: "busy" };
  // The relay refused this doc's changes and said why (relay-close-messages.ts, e.g. a full
  // storage quota): with a network, that explains the waiting changes better than "sending…"
  // or "Can't reach the relay" while the socket waits to retry.
  const relayRefused = state.relay === "pending" || state.relay === "connecting" || (state.relay === "offline" && browserOnline);
  if (state.error && relayRefused) return { text: state.error, tone: "error" };
  const n = state.pendingChanges;
  const changes = `${n} change${n === 1 ? "" : "s"}`;
  switch (state.relay) {
    case "saved":
      return { text: "Saved to the relay ✓", tone: "ok" };
    case "offline":
      if (browserOnline) {
        return { text: n > 0 ? `Can't reach the relay — ${changes} waiting` : "Can't reach the relay — saved on this device", tone: "local" };
      }
      return n > 0 ? { text: `Offline — ${changes} waiting`, tone: "local" } : { text: "Offline — saved on this device", tone: "local" };
    case "pending":
      return { text: n > 0 ? `Saved on this device · sending ${changes}…` : "Saved on this device · sending…", tone: "busy" };
    case "connecting":
      return { text: n > 0 ? `Saved on this device · ${changes} waiting` : "Saved on this device", tone: "local" };
  }
}
