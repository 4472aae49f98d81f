/**
 * @module CommentsPlugin
 * Comments in the editor (issue 15): the "Comment" button and Ctrl+Alt+M on a selection, the
 * commented words painted with the CSS Custom Highlight API (as the FindBar does: Lexical owns
 * the DOM, so nothing is wrapped), and the comment panel — a lazily loaded chunk, fetched the
 * first time it opens, so it is not part of a first visit (the 250 KB budget).
 *
 * Threads live in the document's own Y.Doc (@quire/comments), here the editor's mirror doc,
 * which forwards every change to the DocHandle: they are saved on the device and synced like
 * text, offline included. Anchors are relative positions into the XmlText the selection is in
 * (lexical-anchor.ts); a selection over several paragraphs is anchored to its first one.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { type CommentAuthor, CommentThreads, type CommentThread, anchorRange, resolveAnchor } from "@quire/comments";
import { type JSX, lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChunkLoadBoundary } from "../ui/ChunkLoadBoundary.tsx";
import { sameRanges } from "../editor/same-ranges.ts";
import { $domPointToText, $textPointToY, $yToDomPoint } from "./lexical-anchor.ts";
import type { PendingComment } from "./pending-comment.ts";
import "./comment-strings.ts";
import "./comments.css";
import type { RelayAccess } from "../history/relay-access.ts";
import type { CommentsPanel as PanelType } from "./CommentsPanel.tsx";

type PanelProps = Omit<Parameters<typeof PanelType>[0], "extras">;
/**
 * The panel and its extras (mention picker, relay times) are fetched together, so the panel
 * first shows with the box it keeps: swapping the plain box for the picker while she typed
 * dropped the box's focus and the keys after it. Offline the extras fail at once and the
 * plain box stays.
 */
const CommentsPanel = lazy(async () => {
  const [panel, extras] = await Promise.all([import("./CommentsPanel.tsx"), import("./comment-extras.ts").catch(() => null)]);
  return { default: (props: PanelProps) => <panel.CommentsPanel {...props} extras={extras} /> };
});

const ALL = "quire-comment";
const ACTIVE = "quire-comment-active";

interface Props {
  doc: Y.Doc;
  docName: string;
  relay: RelayAccess;
  author: CommentAuthor;
  /** False for viewers: threads show, nothing can be written. */
  canComment: boolean;
  /** Shown first in the bar above the page (the suggestions' controls). */
  barStart?: ReactNode;
  onError(message: string): void;
}

export function CommentsPlugin({ doc, docName, relay, author, canComment, barStart, onError }: Props): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const threads = useMemo(() => new CommentThreads(doc), [doc]);
  const [list, setList] = useState<CommentThread[]>(() => threads.list());
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<PendingComment | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [ranges, setRanges] = useState<Map<string, Range>>(new Map());

  useEffect(() => {
    setList(threads.list());
    return threads.observe(() => setList(threads.list()));
  }, [threads]);

  // Where each open thread's words are on the page now: after every editor update (local or
  // remote text changes) and every thread change.
  useEffect(() => {
    const root = doc.getXmlElement("root-v2");
    const paint = () => {
      const next = new Map<string, Range>();
      if (list.some((thread) => !thread.resolved)) editor.getEditorState().read(() => {
        for (const thread of list) {
          if (thread.resolved) continue;
          const at = resolveAnchor(doc, thread);
          if (!at) continue;
          const start = $yToDomPoint(editor, root, at.type, at.start, true);
          const end = $yToDomPoint(editor, root, at.type, at.end, false);
          if (!start || !end) continue;
          const range = document.createRange();
          range.setStart(...start);
          range.setEnd(...end);
          next.set(thread.id, range);
        }
      }, { editor });
      // Unchanged (e.g. no comments at all): keep the state, so a keystroke re-renders nothing.
      setRanges((previous) => (sameRanges(previous, next) ? previous : next));
    };
    paint();
    return editor.registerUpdateListener(() => paint());
  }, [editor, doc, list]);

  useEffect(() => {
    const highlights = typeof CSS !== "undefined" ? CSS.highlights : undefined;
    if (!highlights) return;
    highlights.set(ALL, new Highlight(...ranges.values()));
    const here = active ? ranges.get(active) : undefined;
    if (here) highlights.set(ACTIVE, new Highlight(here));
    else highlights.delete(ACTIVE);
    return () => {
      highlights.delete(ALL);
      highlights.delete(ACTIVE);
    };
  }, [ranges, active]);

  const startComment = useCallback(() => {
    const selection = getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    let made: PendingComment | null = null;
    if (range && !range.collapsed) {
      const root = doc.getXmlElement("root-v2");
      editor.getEditorState().read(() => {
        const start = $domPointToText(editor, range.startContainer, range.startOffset);
        const end = $domPointToText(editor, range.endContainer, range.endOffset);
        const from = start && $textPointToY(root, start.node, start.offset);
        const toPoint = end && $textPointToY(root, end.node, end.offset);
        if (!from) return;
        // Across paragraphs: the first one's part (an anchor lives in one run of text).
        const to = toPoint && toPoint.type === from.type ? toPoint.index : from.type.length;
        if (to <= from.index) return;
        made = { ...anchorRange(from.type, from.index, to), quote: from.type.toString().slice(from.index, to) };
      }, { editor });
    }
    if (!made) {
      onError(t("comments.selectFirst"));
      return;
    }
    setPending(made);
    setOpen(true);
  }, [doc, editor, onError, t]);

  useEffect(() => {
    if (!canComment) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== "KeyM") return;
      event.preventDefault();
      startComment();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canComment, startComment]);

  // A click in commented words opens their thread.
  useEffect(() => {
    const root = editor.getRootElement();
    if (!root) return;
    const onClick = () => {
      const at = getSelection();
      if (!at || at.rangeCount === 0 || !at.isCollapsed) return;
      for (const [id, range] of ranges) {
        if (range.isPointInRange(at.anchorNode as Node, at.anchorOffset)) {
          setActive(id);
          setOpen(true);
          return;
        }
      }
    };
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, [editor, ranges]);

  const openCount = list.filter((th) => !th.resolved).length;
  return (
    <>
      <div className="comments-bar">
        {barStart}
        {canComment && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="comment-button"
            aria-keyshortcuts="Control+Alt+M"
            title={t("comments.addShortcut")}
            // Keeps the editor's selection: a click would move focus first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
          >
            {t("comments.add")}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" data-testid="comments-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {t("comments.count", { count: openCount })}
        </button>
      </div>
      {open && (
        <ChunkLoadBoundary onRetry={() => setOpen(false)} message={t("comments.loadFailed")}>
          <Suspense fallback={null}>
            <CommentsPanel
              threads={threads}
              list={list}
              docName={docName}
              relay={relay}
              author={author}
              canComment={canComment}
              pending={pending}
              active={active}
              located={new Set(ranges.keys())}
              onActivate={(id) => {
                setActive(id);
                ranges.get(id)?.startContainer.parentElement?.scrollIntoView({ block: "center" });
              }}
              onPendingDone={() => setPending(null)}
              onClose={() => {
                setOpen(false);
                setPending(null);
              }}
              onError={onError}
            />
          </Suspense>
        </ChunkLoadBoundary>
      )}
    </>
  );
}
