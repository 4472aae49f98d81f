/**
 * @module DocumentView
 * An open document: its title, the save state, who else is here, the History button (its
 * panel is a lazily loaded chunk) with the "while you were away" notice, and the editor.
 */
import { type JSX, lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { type DocEntry, type DocHandle, isReadOnlyRefusal, type Membership, type StorageMonitor, UNTITLED, type WorkspaceSession } from "@quire/client";
import { useCanComment } from "../comments/use-can-comment.ts";
import { LazyEditor } from "../editor/LazyEditor.tsx";
import type { AwayReport } from "../history/away-changes.ts";
import { watchAway } from "../history/away-watch.ts";
import { LazyHistoryPanel } from "../history/LazyHistoryPanel.tsx";
import { loadHistory } from "../history/load-history.ts";
import type { RelayAccess } from "../history/relay-access.ts";
import type { UserColor } from "../editor/user-color.ts";
import { takePendingFind } from "../search/pending-find.ts";
import { DocAccessNotice } from "./DocAccessNotice.tsx";
import { DocTitle } from "./DocTitle.tsx";
import { DocumentMenu } from "./DocumentMenu.tsx";
import { FindBar } from "./FindBar.tsx";
import { focusPageWhenReady } from "./focus-page-when-ready.ts";
import { PresenceList } from "./PresenceList.tsx";
import { SaveStatus } from "./SaveStatus.tsx";
import { shownTitle } from "./shown-title.ts";
import { useStoreValue } from "./use-store-value.ts";

// Loaded with the counting, at a reconnect after offline work (away-watch.ts), not on the first visit.
const AwayNotice = lazy(() => import("../history/AwayNotice.tsx").then((m) => ({ default: m.AwayNotice })));

interface Props {
  session: WorkspaceSession;
  membership: Membership;
  docId: string;
  colors: UserColor;
  storage: StorageMonitor;
}

export function DocumentView({ session, membership, docId, colors, storage }: Props): JSX.Element {
  // The serial keys the editor to this exact handle: a Lexical collaboration binding cannot be
  // moved to another Y.Doc, so a new handle needs a new editor.
  const { t } = useTranslation();
  const [opened, setOpened] = useState<{ handle: DocHandle; serial: number } | null>(null);
  const handle = opened?.handle ?? null;
  const [toast, setToast] = useState<string | null>(null);
  const relay = useMemo<RelayAccess>(() => ({ token: () => membership.token, historyClient: () => loadHistory().then((m) => m.HistoryClient) }), [membership]);
  const article = useRef<HTMLElement | null>(null);
  const lastFind = useRef("");
  const [find, setFind] = useState<{ query: string; jump: boolean; token: number } | null>(() => {
    const query = takePendingFind(docId);
    return query === null ? null : { query, jump: true, token: 0 };
  });
  useEffect(() => {
    // Ctrl+F / ⌘F finds in this document (the browser's own find cannot see text scrolled
    // out of a long report's rendered part, and knows nothing of accents).
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "f") return;
      event.preventDefault();
      const selected = getSelection()?.toString().trim() ?? "";
      setFind((f) => ({ query: selected.slice(0, 200) || f?.query || lastFind.current, jump: false, token: (f?.token ?? 0) + 1 }));
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const next = session.openDoc(docId);
    setOpened((previous) => ({ handle: next, serial: (previous?.serial ?? 0) + 1 }));
    return () => next.release();
  }, [session, docId]);
  const entry = useStoreValue(session.index, (l) => session.index.subscribe(l), () => session.index.get(docId));
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6_000);
    return () => clearTimeout(timer);
  }, [toast]);
  const [history, setHistory] = useState<{ away?: AwayReport } | null>(null);
  const [away, setAway] = useState<AwayReport | null>(null);
  const historyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!handle) return;
    setAway(null);
    return watchAway(handle, setAway);
  }, [handle]);
  const closeHistory = () => {
    setHistory(null);
    historyButton.current?.focus();
  };
  // Issue 13: the class rules took writing away here (locked, demoted, removed, another group).
  const refusal = useStoreValue(handle ?? session, (l) => handle?.subscribe(l) ?? (() => {}), () => handle?.accessRefusal() ?? null);
  const unsent = useStoreValue(handle ?? session, (l) => handle?.subscribe(l) ?? (() => {}), () => (refusal ? (handle?.saveState().pendingChanges ?? 0) : 0));
  const readOnly = membership.role === "viewer" || refusal !== null;
  // A locked or read-only member may still comment (the relay's comment-only rule); a removed
  // one, or one outside the doc's group, may not.
  const canComment = useCanComment(membership, docId) && (refusal === null || isReadOnlyRefusal(refusal));
  // null until the index lists this doc: nothing may show (and so save) a made-up title (T1).
  const title = entry ? shownTitle(entry.title, t("doc.untitled")) : null;
  useEffect(() => {
    document.title = title === null ? "Quire" : `${title} — Quire`;
    return () => {
      document.title = "Quire";
    };
  }, [title]);

  if (!handle) return <div className="doc-loading muted">{t("doc.opening")}</div>;
  return (
    <article ref={article} className="document" data-doc-id={docId}>
      <div className="document-head">
        {/* The field is one line; the wrapped heading shows a long title whole (title-wrap.css). */}
        <div className="doc-title-box">
          <DocTitle
            title={title}
            readOnly={readOnly}
            isNew={entry !== undefined && isJustCreatedBy(entry, membership.user.name)}
            onRename={(title) => session.index.rename(docId, title, membership.user.name)}
            onDone={() => focusPageWhenReady()}
          />
          {title !== null && (
            <div className="doc-title-full" aria-hidden="true" dir="auto">
              {title}
            </div>
          )}
        </div>
        <div className="document-status">
          <SaveStatus handle={handle} storage={storage} />
          <PresenceList handle={handle} selfClientId={handle.doc.clientID} selfMemberId={membership.user.id} />
          <button
            ref={historyButton}
            type="button"
            className="btn btn-ghost btn-small history-button"
            aria-haspopup="dialog"
            aria-expanded={history !== null}
            onClick={() => setHistory({})}
          >
            {t("history.open")}
          </button>
          <DocumentMenu handle={handle} title={title} relay={relay} onError={setToast} />
        </div>
        {away && (
          <Suspense fallback={null}>
            <AwayNotice
            report={away}
            onDismiss={() => setAway(null)}
            onReview={() => {
              setHistory({ away });
              setAway(null);
            }}
          />
          </Suspense>
        )}
        {entry?.trashedAt != null && (
          <p className="notice">{t("doc.inTrash")}</p>
        )}
        {refusal ? (
          <DocAccessNotice handle={handle} refusal={refusal} unsent={unsent} title={title} onError={setToast} />
        ) : (
          readOnly && <p className="notice">{t("doc.readOnly")}</p>
        )}
      </div>
      {find && (
          <FindBar
          container={article}
          initialQuery={find.query}
          jumpToFirst={find.jump}
          focusToken={find.token}
          onClose={(query) => {
              lastFind.current = query;
              setFind(null);
            }}
          />
      )}
      <LazyEditor
        key={`${handle.docName}#${opened?.serial ?? 0}`}
        handle={handle}
        userName={membership.user.name}
        color={colors.color}
        colorLight={colors.colorLight}
        readOnly={readOnly}
        author={{ sub: membership.user.id, name: membership.user.name }}
        canComment={canComment}
        relay={relay}
        onError={setToast}
        onLocalEdit={() => session.index.touch(docId, membership.user.name)}
      />
      {history && (
        <LazyHistoryPanel
          handle={handle}
          membership={membership}
          onClose={closeHistory}
          {...(history.away ? { away: { seenBefore: history.away.seenBefore } } : {})}
        />
      )}
      {toast && (
        <div className="toast" role="alert">
          {toast}
          <button type="button" className="icon-btn" aria-label={t("common.close")} onClick={() => setToast(null)}>
            ✕
          </button>
        </div>
      )}
    </article>
  );
}

/** How recent a creation still counts as "just created" (the click and the route change). */
const JUST_CREATED_MS = 30_000;

/** An untitled document this person created a moment ago and has not touched since: ask for its name. */
function isJustCreatedBy(entry: DocEntry, userName: string): boolean {
  return (
    entry.title === UNTITLED &&
    entry.createdBy === userName &&
    entry.updatedAt === entry.createdAt &&
    Math.abs(Date.now() - entry.createdAt) < JUST_CREATED_MS
  );
}
