/**
 * @module SuggestionsLoader
 * The part of suggestions (issue 15 item 2) every document view carries, kept to a few hundred
 * bytes (the 250 KB first visit): a stand-in "Suggest" button for members who may edit, and
 * the lazy SuggestionsPlugin chunk, which takes over (its own toggle with Ctrl+Alt+Shift+X,
 * the list, the painting) once the document holds suggestions, Suggest is pressed, or the
 * chunk was fetched ahead — so a first visit fetches none of it.
 *
 * Offline: the chunk is not precached (it would count against the first visit); it is kept by
 * the service worker's runtime cache once fetched: when the stand-in is pointed at or pressed,
 * a document with suggestions opens, or a minute into an online editing session
 * (WARM_AFTER_MS, after the first visit's bytes are counted), so a member who then goes
 * offline can still switch to Suggesting. One who went offline sooner is told, on pressing
 * it, that the suggestions could not be loaded.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import type { CommentAuthor } from "@quire/comments";
import { type JSX, lazy, Suspense, useEffect, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n/use-translation.ts";
import { SUGGESTION_KIT } from "./suggestion-kit.ts";

const load = () => import("./SuggestionsPlugin.tsx");
const SuggestionsPlugin = lazy(() => load().then((m) => ({ default: m.SuggestionsPlugin })));

interface Props {
  doc: Y.Doc;
  author: CommentAuthor;
  /** May edit the text: may suggest, accept and reject (viewers and commenters see suggestions only). */
  canEdit: boolean;
  onError(message: string): void;
}

/** A minute: after a first visit is counted (e2e first-load-bytes), before most members go offline. */
const WARM_AFTER_MS = 60_000;

export function SuggestionsLoader({ doc, author, canEdit, onError }: Props): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  // 0: nothing yet; 1: the plugin (list, painting, its toggle); 2: the plugin, Suggesting.
  // Mounted only once its chunk is here, so a failed fetch never reaches React.
  const [want, setWant] = useState(0);
  const fetchThen = (next: number, failed?: () => void) => void load().then(() => setWant((w) => Math.max(w, next)), failed);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchThen only sets state
  useEffect(() => {
    // The model's root (SUGGESTIONS_ROOT), named here so this chunk does not carry the model.
    const map = doc.getMap("suggestions");
    const check = () => map.size > 0 && fetchThen(1);
    check();
    map.observe(check);
    const timer = canEdit ? setTimeout(() => navigator.onLine && fetchThen(1), WARM_AFTER_MS) : undefined;
    return () => {
      map.unobserve(check);
      clearTimeout(timer);
    };
  }, [doc, canEdit]);

  const toggle = canEdit && (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      aria-pressed="false"
      onPointerEnter={() => fetchThen(1)}
      onClick={() => fetchThen(2, () => onError(t("comments.suggestionsLoadFailed")))}
    >
      {t("comments.suggest")}
    </button>
  );
  if (!want) return toggle || null;
  return (
    <Suspense fallback={toggle}>
      <SuggestionsPlugin editor={editor} kit={SUGGESTION_KIT} doc={doc} author={author} startSuggesting={want === 2} canEdit={canEdit} />
    </Suspense>
  );
}
