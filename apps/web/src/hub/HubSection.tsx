/**
 * @module HubSection
 * On a classroom hub (issue 14, item 2), the teacher's view of its link to the school server:
 * "Last synced with the school server at 14:02" (her language's time), what is still waiting,
 * and the last problem. Shown only when the relay is a hub (`GET /api/hub`); asked again
 * every HUB_STATUS_REFRESH_MS while the dashboard is open (one small GET), so a returning
 * uplink shows without a reload. Its own chunk, not precached (vite.config.ts globIgnores): it
 * only asks the hub, so it has no use offline, and the first visit is at its budget.
 */
import { type JSX, useEffect, useRef, useState } from "react";
import { type HubLinkStatus, type WorkspaceSession, fetchHubLinkStatus } from "@quire/client";
import { useTranslation } from "../i18n/use-translation.ts";
import "./hub-strings.ts";

/** The dashboard refreshes the hub's status this often (a pass takes seconds; 5 s feels live). */
const HUB_STATUS_REFRESH_MS = 5_000;

export default function HubSection({ session, token }: { session: WorkspaceSession; token: string }): JSX.Element | null {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<HubLinkStatus | null>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = async () => {
      try {
        const next = await fetchHubLinkStatus(session.apiUrl, tokenRef.current);
        if (next === null) return; // Not a hub: nothing to show, nothing more to ask.
        if (!stopped) setStatus(next);
      } catch {
        // The hub itself unreachable: the last status stays; the header says the app is offline.
      }
      if (!stopped) timer = setTimeout(() => void refresh(), HUB_STATUS_REFRESH_MS);
    };
    void refresh();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [session]);
  if (status === null) return null;
  const time = status.lastSyncedAt === null ? null : formatSyncTime(status.lastSyncedAt, i18n.language);
  return (
    <section className="class-section" aria-labelledby="class-hub" data-testid="hub-status" data-state={status.state}>
      <h2 id="class-hub">{t("hub.title")}</h2>
      <p data-testid="hub-last-synced">{time === null ? t("hub.neverSynced") : t("hub.lastSynced", { time })}</p>
      {status.state === "syncing" && <p className="muted small">{t("hub.syncing")}</p>}
      {status.state === "offline" && <p className="muted small">{t("hub.offline")}</p>}
      {status.pendingDocs > 0 && <p className="muted small">{t("hub.pending", { count: status.pendingDocs })}</p>}
      {status.lastError !== null && (
        <p className="form-error small" dir="auto">
          {t("hub.error", { error: status.lastError })}
        </p>
      )}
    </section>
  );
}

/** "14:02" today; with the date on another day. In the interface language. */
function formatSyncTime(at: number, locale: string): string {
  const then = new Date(at);
  const today = new Date().toDateString() === then.toDateString();
  const options: Intl.DateTimeFormatOptions = today ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(locale, options).format(then);
}
