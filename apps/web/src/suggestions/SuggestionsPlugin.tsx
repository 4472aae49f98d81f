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
import { type JSX, useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n/use-translation.ts";
import type { SuggestionKit } from "./suggestion-kit.ts";
import { sameItems, sameRanges } from "../editor/same-ranges.ts";
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
  /** Suggest was pressed before this chunk was here: start Suggesting (and take the focus). */
  startSuggesting: boolean;
  canEdit: boolean;
}

export function SuggestionsPlugin({ editor, kit, doc, author, startSuggesting, canEdit }: Props): JSX.Element {
  const [suggesting, setSuggesting] = useState(startSuggesting && canEdit);
  // Pressed once edits are intercepted (the effect below), not at the click.
  const [active, setActive] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // The stand-in button (SuggestionsLoader) had the focus when it was pressed: this one takes its place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the chunk arrives
  useEffect(() => {
    if (startSuggesting) toggle.current?.focus();
  }, []);
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
      // Unchanged (most keystrokes, and always with no suggestions): keep the state, so an
      // update re-renders nothing (see editor/same-ranges.ts).
      setList((previous) => (sameItems(previous, next) ? previous : next));
      editor.getEditorState().read(() => {
        const ranges = $suggestionRanges(kit, editor, root, next);
        setRanges((previous) => (sameRanges(previous, ranges) ? previous : ranges));
      }, { editor });
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
    setActive(true);
    return () => {
      off();
      setActive(false);
    };
  }, [suggesting, editor, kit, model, author]);

  useEffect(() => {
    if (!canEdit) return;
    // Ctrl+Alt+Shift+X, as in Google Docs.
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey || event.code !== "KeyX") return;
      event.preventDefault();
      setSuggesting((on) => !on);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canEdit]);

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
      {canEdit && (
        <button
          type="button"
          className="btn btn-ghost btn-small suggest-toggle"
          aria-pressed={active}
          aria-keyshortcuts="Control+Alt+Shift+X"
          ref={toggle}
          onClick={() => setSuggesting((on) => !on)}
        >
          {t("comments.suggest")}
        </button>
      )}
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
