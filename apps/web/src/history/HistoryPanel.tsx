/**
 * @module HistoryPanel
 * The document's history (issue 12 items 3–7), the root of its own lazily loaded chunk: a
 * dialog that is a side panel on a laptop and a full-screen sheet on a phone
 * (history.css), with five tabs — versions (timeline, name, hand in, view, restore), compare
 * two versions, authors of the current text, replay, contributions. Everyone who can open the
 * document sees the same panel; only name / hand in / restore / revert need edit rights.
 *
 * Focus: the dialog takes focus when it opens, Tab stays inside it, Escape closes it, and the
 * opener gives focus back to the History button (DocumentView).
 */
import { type JSX, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import "./panel-strings.ts";
import { type DocHandle, HistoryClient, type Membership } from "@quire/client";
import { AuthorsView } from "./AuthorsView.tsx";
import { CompareView } from "./CompareView.tsx";
import { ContributionsView } from "./ContributionsView.tsx";
import { ReplayView } from "./ReplayView.tsx";
import type { AwayStart } from "./history-model.ts";
import { useHistoryData } from "./use-history-data.ts";
import { VersionsTab } from "./VersionsTab.tsx";
import "./history.css";

/**
 * For the export's "Who wrote this" (transfer/authorship-appendix.ts), which reads the relay's
 * figures through this chunk: importing the client there split it (and the client's messages)
 * into chunks of their own, +2 KB on the first visit.
 */
export { HistoryClient };

export type HistoryTab = "versions" | "compare" | "authors" | "replay" | "contributions";

interface Props {
  handle: DocHandle;
  membership: Membership;
  onClose(): void;
  away?: AwayStart;
}

const TABS: HistoryTab[] = ["versions", "compare", "authors", "replay", "contributions"];

export function HistoryPanel({ handle, membership, onClose, away }: Props): JSX.Element {
  const { t } = useTranslation();
  const client = useMemo(() => new HistoryClient({ token: () => membership.token }), [membership.token]);
  const { state, reload } = useHistoryData(client, handle);
  const [tab, setTab] = useState<HistoryTab>(away ? "compare" : "versions");
  const [compareFrom, setCompareFrom] = useState<string | null>(null);
  const canEdit = membership.role !== "viewer";
  const dialogRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef(new Map<HistoryTab, HTMLButtonElement>());

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>(".history-title")?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== "Tab") return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>("button:not([disabled]), input:not([disabled]), select, a[href], [tabindex='0']") ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  // Arrow keys move between tabs (ARIA tabs pattern); only the chosen tab is a Tab stop.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const rtl = document.documentElement.dir === "rtl";
    const step = event.key === "ArrowRight" ? (rtl ? -1 : 1) : event.key === "ArrowLeft" ? (rtl ? 1 : -1) : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length] ?? "versions";
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  const openCompare = (versionId: string) => {
    setCompareFrom(versionId);
    setTab("compare");
  };

  return (
    <>
      <div className="history-backdrop" aria-hidden="true" onClick={onClose} />
      <div ref={dialogRef} className="history-sheet" role="dialog" aria-modal="true" aria-labelledby="history-title" onKeyDown={onKeyDown} data-testid="history-panel">
        <div className="history-head">
          <h2 id="history-title" className="history-title" tabIndex={-1}>
            {t("history.title")}
          </h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={reload}>
            {t("history.refresh")}
          </button>
          <button type="button" className="icon-btn history-close" aria-label={t("common.close")} onClick={onClose}>
            ✕
          </button>
        </div>
        <p className="history-open-note muted">{t("history.sameForEveryone")}</p>
        <div className="history-tabs" role="tablist" aria-label={t("history.title")}>
          {TABS.map((id) => (
            <button
              key={id}
              ref={(el) => {
                if (el) tabRefs.current.set(id, el);
              }}
              type="button"
              role="tab"
              id={`history-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="history-tabpanel"
              tabIndex={tab === id ? 0 : -1}
              className="history-tab"
              onClick={() => setTab(id)}
              onKeyDown={onTabKey}
            >
              {t(`history.tab.${id}`)}
            </button>
          ))}
        </div>
        <div className="history-body" role="tabpanel" id="history-tabpanel" aria-labelledby={`history-tab-${tab}`}>
          {state.status === "loading" && <p className="muted">{t("history.loading")}</p>}
          {state.status === "error" && (
            <div className="notice" role="alert">
              {state.message}{" "}
              <button type="button" className="btn btn-ghost btn-small" onClick={reload}>
                {t("common.tryAgain")}
              </button>
            </div>
          )}
          {state.status === "ready" && tab === "versions" && (
            <VersionsTab data={state.data} client={client} handle={handle} canEdit={canEdit} onChanged={reload} onCompare={openCompare} />
          )}
          {state.status === "ready" && tab === "compare" && (
            <CompareView data={state.data} initialFrom={compareFrom} away={away} selfUserId={membership.user.id} />
          )}
          {state.status === "ready" && tab === "authors" && <AuthorsView data={state.data} />}
          {state.status === "ready" && tab === "replay" && <ReplayView data={state.data} />}
          {state.status === "ready" && tab === "contributions" && (
            <ContributionsView data={state.data} client={client} docName={handle.docName} canEdit={canEdit} onChanged={reload} />
          )}
        </div>
      </div>
    </>
  );
}
