/**
 * @module SuggestionsLoader
 * The part of suggestions (issue 15 item 2) every document view carries: the "Suggest" toggle
 * (Ctrl+Alt+Shift+X, as Google Docs) for members who may edit, and the lazy SuggestionsPlugin
 * chunk, mounted only while Suggesting or while the document holds suggestions — so a first
 * visit fetches none of it (the 250 KB budget).
 *
 * Offline: the chunk is not precached (it would count against the first visit); it is kept by
 * the service worker's runtime cache once fetched. It is fetched when the toggle is pointed at
 * or focused, when a document with suggestions opens, and a minute into any online editing
 * session (WARM_AFTER_MS), so a member who then goes offline can still switch to Suggesting.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import type { CommentAuthor } from "@quire/comments";
import { type JSX, lazy, Suspense, useEffect, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChunkLoadBoundary } from "../ui/ChunkLoadBoundary.tsx";
import { SUGGESTION_KIT } from "./suggestion-kit.ts";

const load = () => import("./SuggestionsPlugin.tsx");
const SuggestionsPlugin = lazy(() => load().then((m) => ({ default: m.SuggestionsPlugin })));
const warm = () => void load().catch(() => undefined);

/** A minute: after the first visit's bytes are counted (e2e first-load-bytes), before most members go offline. */
const WARM_AFTER_MS = 60_000;

interface Props {
  doc: Y.Doc;
  author: CommentAuthor;
  /** May edit the text: may suggest, accept and reject (viewers and commenters see suggestions only). */
  canEdit: boolean;
  onError(message: string): void;
}

export function SuggestionsLoader({ doc, author, canEdit, onError }: Props): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [suggesting, setSuggesting] = useState(false);
  // Pressed once the plugin intercepts edits, not at the click: typing before that is editing.
  const [active, setActive] = useState(false);
  const [present, setPresent] = useState(false);

  useEffect(() => {
    // The model's root (SUGGESTIONS_ROOT), named here so this chunk does not carry the model.
    // Once shown, the list stays (its panel must not vanish when the last one is settled).
    const map = doc.getMap("suggestions");
    const check = () => map.size > 0 && setPresent(true);
    check();
    map.observe(check);
    return () => map.unobserve(check);
  }, [doc]);

  useEffect(() => {
    if (!canEdit) return;
    const timer = setTimeout(() => navigator.onLine && warm(), WARM_AFTER_MS);
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey || event.code !== "KeyX") return;
      event.preventDefault();
      setSuggesting((on) => !on);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("keydown", onKey);
    };
  }, [canEdit]);

  const on = suggesting && canEdit;
  return (
    <>
      {canEdit && (
        <button
          type="button"
          className="btn btn-ghost btn-small suggest-toggle"
          aria-pressed={active}
          aria-keyshortcuts="Control+Alt+Shift+X"
          onPointerEnter={warm}
          onFocus={warm}
          onClick={() => setSuggesting(!on)}
        >
          {t("comments.suggest")}
        </button>
      )}
      {(on || present) && (
        <ChunkLoadBoundary onRetry={() => setSuggesting(false)} message={t("comments.suggestionsLoadFailed")}>
          <Suspense fallback={null}>
            <SuggestionsPlugin editor={editor} kit={SUGGESTION_KIT} doc={doc} author={author} suggesting={on} onActive={setActive} canEdit={canEdit} onError={onError} />
          </Suspense>
        </ChunkLoadBoundary>
      )}
    </>
  );
}
