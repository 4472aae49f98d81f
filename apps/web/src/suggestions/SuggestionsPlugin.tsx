/**
 * @module SuggestionsPlugin
 * Suggestions in the editor (issue 15 item 2), a lazily loaded chunk (SuggestionsLoader): while
 * Suggesting, the member's edits become proposals (suggesting-edits.ts); every suggestion is
 * painted in its proposer's colour (suggestion-paint.ts); the "N suggestions" button opens the
 * list (SuggestionsPanel) where a member who may edit accepts or rejects each or all.
 *
 * Everything is written into the editor's mirror doc, which forwards to the DocHandle: saved on
 * the device and synced like text, offline included. Accept and reject write the text through
 * Yjs (origin SUGGESTION_ORIGIN), which the Lexical binding renders as it renders a classmate's
 * edit; they are not part of the member's undo history.
 */
import type { LexicalEditor } from "lexical";
import { type CommentAuthor, type LocatedSuggestion, Suggestions } from "@quire/comments";
import { type JSX, useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SuggestionKit } from "./suggestion-kit.ts";
import { $suggestionRanges, paintSuggestions } from "./suggestion-paint.ts";
import { registerSuggesting, SUGGESTION_ORIGIN } from "./suggesting-edits.ts";
import { SuggestionsPanel } from "./SuggestionsPanel.tsx";
import "./suggestion-strings.ts";
import "./suggestions.css";

interface Props {
  editor: LexicalEditor;
  kit: SuggestionKit;
  doc: Y.Doc;
  author: CommentAuthor;
  suggesting: boolean;
  /** Told when edits start and stop being intercepted (the toggle shows it). */
  onActive(active: boolean): void;
  canEdit: boolean;
  onError(message: string): void;
}

export function SuggestionsPlugin({ editor, kit, doc, author, suggesting, onActive, canEdit }: Props): JSX.Element {
  const { t } = useTranslation();
  const model = useMemo(() => new Suggestions(doc), [doc]);
  const [list, setList] = useState<LocatedSuggestion[]>(() => model.located());
  const [ranges, setRanges] = useState<Map<string, Range>>(new Map());
  const [open, setOpen] = useState(false);

  // The list and where each one is on the page: after every change to the entries and every
  // editor update (local or remote text changes move, empty or restore them).
  useEffect(() => {
    const root = doc.getXmlElement("root-v2");
    const refresh = () => {
      const next = model.located();
      setList(next);
      editor.getEditorState().read(() => setRanges($suggestionRanges(kit, editor, root, next)), { editor });
    };
    refresh();
    const offModel = model.observe(refresh);
    const offEditor = editor.registerUpdateListener(refresh);
    return () => {
      offModel();
      offEditor();
    };
  }, [model, editor, kit, doc]);

  useEffect(() => paintSuggestions(list, ranges), [list, ranges]);

  useEffect(() => {
    if (!suggesting) return;
    const off = registerSuggesting(editor, kit, model, author);
    onActive(true);
    return () => {
      off();
      onActive(false);
    };
  }, [suggesting, editor, kit, model, author, onActive]);

  // Turning Suggesting on opens the list, so the member sees her proposals gather.
  useEffect(() => {
    if (suggesting) setOpen(true);
  }, [suggesting]);

  const settle = (action: () => void) => {
    action();
    editor.focus(undefined, { defaultSelection: "rootStart" });
  };
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" data-testid="suggestions-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t("suggestions.count", { count: list.length })}
      </button>
      {open && (
        <SuggestionsPanel
          list={list}
          suggesting={suggesting}
          canEdit={canEdit}
          onShow={(id) => ranges.get(id)?.startContainer.parentElement?.scrollIntoView({ block: "center" })}
          onAccept={(id) => model.accept(id, SUGGESTION_ORIGIN)}
          onReject={(id) => model.reject(id, SUGGESTION_ORIGIN)}
          onAll={(accept) => settle(() => model.settleAll(accept, SUGGESTION_ORIGIN))}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
