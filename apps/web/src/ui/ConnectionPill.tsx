/**
 * @module ConnectionPill
 * Online / connecting / not connected, always visible in the top bar. Not connected says why,
 * because the fix differs: "You are offline" (the browser has no network) or "Can't reach the
 * relay" (a network, but the relay does not answer). Both have `data-state="offline"`.
 */
import type { TFunction } from "../i18n/translator.ts";
import type { JSX } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import type { WorkspaceSession } from "@quire/client";
import { useConnectionAnnouncement } from "./use-connection-announcement.ts";
import { useBrowserOnline } from "./use-online.ts";
import { useStoreValue } from "./use-store-value.ts";

const labels = (t: TFunction) => ({
  online: { text: t("connection.online"), hint: t("connection.onlineHint") },
  connecting: { text: t("connection.connecting"), hint: t("connection.connectingHint") },
  offline: { text: t("connection.offline"), hint: t("connection.offlineHint") },
  unreachable: { text: t("connection.unreachable"), hint: t("connection.unreachableHint") },
});

export function ConnectionPill({ session }: { session: WorkspaceSession }): JSX.Element {
  const { t } = useTranslation();
  const socketState = useStoreValue(session, (l) => session.subscribeConnection(l), () => session.connection());
  const browserOnline = useBrowserOnline();
  const state = browserOnline ? socketState : "offline";
  const LABELS = labels(t);
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
