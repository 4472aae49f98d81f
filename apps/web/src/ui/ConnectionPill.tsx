/**
 * @module ConnectionPill
 * Online / offline / connecting, always visible in the top bar.
 */
import type { JSX } from "react";
import type { WorkspaceSession } from "../data/index.ts";
import { useBrowserOnline } from "./use-online.ts";
import { useStoreValue } from "./use-store-value.ts";

const LABELS = {
  online: { text: "Online", hint: "Changes go to your group right away." },
  connecting: { text: "Connecting…", hint: "Your work is saved on this device while Quire reconnects." },
  offline: { text: "Offline", hint: "Keep writing: everything is saved on this device and sent when you are back online." },
} as const;

export function ConnectionPill({ session }: { session: WorkspaceSession }): JSX.Element {
  const socketState = useStoreValue(session, (l) => session.subscribeConnection(l), () => session.connection());
  const state = useBrowserOnline() ? socketState : "offline";
  const label = LABELS[state];
  return (
    <span className={`pill pill-${state}`} title={label.hint} data-testid="connection" data-state={state}>
      <span className="pill-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
