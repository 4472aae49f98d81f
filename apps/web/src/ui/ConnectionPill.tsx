/**
 * @module ConnectionPill
 * Online / connecting / not connected, always visible in the top bar. Not connected says why,
 * because the fix differs: "You are offline" (the browser has no network) or "Can't reach the
 * relay" (a network, but the relay does not answer). Both have `data-state="offline"`.
 */
import type { JSX } from "react";
import type { WorkspaceSession } from "../data/index.ts";
import { useConnectionAnnouncement } from "./use-connection-announcement.ts";
import { useBrowserOnline } from "./use-online.ts";
import { useStoreValue } from "./use-store-value.ts";

const LABELS = {
  online: { text: "Online", hint: "Changes go to your group right away." },
  connecting: { text: "Connecting…", hint: "Your work is saved on this device while Quire reconnects." },
  offline: { text: "You are offline", hint: "Keep writing: everything is saved on this device and sent when you are back online." },
  unreachable: {
    text: "Can't reach the relay",
    hint: "Your network works, but the Quire relay does not answer. Keep writing: everything is saved on this device and sent when the relay is back.",
  },
} as const;

export function ConnectionPill({ session }: { session: WorkspaceSession }): JSX.Element {
  const socketState = useStoreValue(session, (l) => session.subscribeConnection(l), () => session.connection());
  const browserOnline = useBrowserOnline();
  const state = browserOnline ? socketState : "offline";
  const label = state === "offline" && browserOnline ? LABELS.unreachable : LABELS[state];
  useConnectionAnnouncement(state, label.text, label.hint);
  return (
    <span
      className={`pill pill-${state}`}
      title={label.hint}
      data-testid="connection"
      data-state={state}
      data-reason={state === "offline" ? (browserOnline ? "relay" : "network") : undefined}
    >
      <span className="pill-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
