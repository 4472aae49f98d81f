/**
 * @module save-status-text
 * The words for a document's save state. Honest on purpose: "Saved to the relay ✓" only once
 * the relay acknowledged a durable write of every local change; offline says how many changes
 * are waiting. On a classroom hub (issue 14) "saved" names the level reached: the classroom hub,
 * or the school server once the hub reports it holds them. Read-only (a lock, issue 13), waiting
 * changes are said to stay on the device, never "sending".
 */
import type { SaveState } from "@quire/client";
import { t } from "../i18n/instance.ts";

export type SaveTone = "ok" | "local" | "busy" | "error";

/**
 * `browserOnline` tells the two kinds of "not connected" apart: no network at all ("Offline")
 * or a network without the relay ("Can't reach the relay").
 */
export function saveStatusText(state: SaveState, browserOnline = false): { text: string; tone: SaveTone } {
  if (state.device === "error") {
    return { text: state.error ? t("save.deviceErrorWithReason", { reason: state.error }) : t("save.deviceError"), tone: "error" };
  }
  if (state.device === "loading") return { text: t("save.opening"), tone: "busy" };
  // The relay refused this doc's changes and said why (relay-close-messages.ts, e.g. a full
  // storage quota): with a network, that explains the waiting changes better than "sending…"
  // or "Can't reach the relay" while the socket waits to retry.
  const relayRefused = state.relay === "pending" || state.relay === "connecting" || (state.relay === "offline" && browserOnline);
  if (state.error && relayRefused) return { text: state.error, tone: "error" };
  const n = state.pendingChanges;
  switch (state.relay) {
    case "saved": {
      // English's hub words ship with the hub code (hub/locales-en.json, loaded by SaveStatus on
      // a hub): until they are there, the plain "Saved to the relay ✓" — true on a hub too.
      const key = state.upstream === "saved" ? "save.savedSchool" : state.upstream === "pending" ? "save.savedHub" : null;
      const text = key === null ? key : t(key);
      return { text: text !== null && text !== key ? text : t("save.saved"), tone: "ok" };
    }
    case "kept":
      return { text: t("save.keptOnDevice", { count: n }), tone: "local" };
    case "offline":
      if (browserOnline) {
        return { text: n > 0 ? t("save.unreachableWaiting", { count: n }) : t("save.unreachableSaved"), tone: "local" };
      }
      return { text: n > 0 ? t("save.offlineWaiting", { count: n }) : t("save.offlineSaved"), tone: "local" };
    case "pending":
      return { text: n > 0 ? t("save.sendingCount", { count: n }) : t("save.sending"), tone: "busy" };
    case "connecting":
      return { text: n > 0 ? t("save.connectingWaiting", { count: n }) : t("save.connecting"), tone: "local" };
  }
}
