/**
 * @module suggesting-edits
 * Suggesting mode in the editor: what a member types becomes proposed insertions, and what
 * she deletes is proposed for deletion instead of deleted.
 *
 * - Insertions: every local transaction of the editor binding on `root-v2` is read for the
 *   text it inserted (@quire/comments `localInsertions`) and each range is proposed. Undo and
 *   remote updates are not the member's typing and are skipped.
 * - Deletions: Backspace/Delete (character, word, line), cut and drag are intercepted at
 *   critical priority: a caret's deletion first extends the selection the way Lexical would
 *   delete it, then the selected text is proposed for deletion and the caret moves past it.
 *   Deleting inside your own proposed insertion deletes for real (there is nothing to keep).
 * - Replacing a selection (typing, paste, Enter over it): the selection is proposed for
 *   deletion, the caret goes to its end, and the command goes on to insert there.
 * Not tracked: formatting changes and joining paragraphs (Backspace at a paragraph's start
 * only moves the caret); see the README.
 */
import type { LexicalCommand, LexicalEditor, RangeSelection, TextNode } from "lexical";
import { type CommentAuthor, localInsertions, type Suggestions } from "@quire/comments";
import * as Y from "yjs";
import type { SuggestionKit } from "./suggestion-kit.ts";

/** Origin of the transactions suggestions write (never the member's typing, never undoable). */
export const SUGGESTION_ORIGIN = Symbol("quire-suggestion");

interface Range {
  type: Y.XmlText;
  from: number;
  to: number;
}

export function registerSuggesting(editor: LexicalEditor, kit: SuggestionKit, model: Suggestions, author: CommentAuthor): () => void {
  const root = model.doc.getXmlElement("root-v2");
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    if (!tr.local || tr.origin === SUGGESTION_ORIGIN || tr.origin instanceof Y.UndoManager) return;
    for (const ins of localInsertions(events)) model.propose("insert", ins.type, ins.from, ins.to, author, SUGGESTION_ORIGIN);
  };
  root.observeDeep(onChange);

  /** The selected text as ranges of runs of text, in document order. */
  const $selectedRanges = (selection: RangeSelection): Range[] => {
    const [first, last] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
    const out: Range[] = [];
    for (const node of selection.getNodes()) {
      if (!kit.$isTextNode(node)) continue;
      const text = node as TextNode;
      const from = first.type === "text" && first.key === text.getKey() ? first.offset : 0;
      const to = last.type === "text" && last.key === text.getKey() ? last.offset : text.getTextContentSize();
      if (to <= from) continue;
      const a = kit.$textPointToY(root, text, from);
      const b = kit.$textPointToY(root, text, to);
      if (!a || !b || a.type !== b.type) continue;
      const prev = out[out.length - 1];
      if (prev && prev.type === a.type && prev.to === a.index) prev.to = b.index;
      else out.push({ type: a.type, from: a.index, to: b.index });
    }
    return out;
  };

  /**
   * Proposes the selection for deletion and collapses it to its start or end; false when it
   * lies inside the member's own proposed insertions (then it is deleted for real).
   */
  const $proposeSelection = (selection: RangeSelection, caretAtStart: boolean): boolean => {
    const ranges = $selectedRanges(selection);
    if (ranges.length > 0 && ranges.every((r) => model.ownInsertionHolding(r.type, r.from, r.to, author.sub) !== null)) return false;
    for (const r of ranges) model.propose("delete", r.type, r.from, r.to, author, SUGGESTION_ORIGIN);
    const [first, last] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
    const at = caretAtStart ? first : last;
    const { key, offset, type } = at;
    selection.anchor.set(key, offset, type);
    selection.focus.set(key, offset, type);
    return true;
  };

  const unregister: (() => void)[] = kit.deleting.map(([command, granularity]) =>
    editor.registerCommand(
      command,
      (isBackward: boolean) => {
        const selection = kit.$getSelection();
        if (!kit.$isRangeSelection(selection)) return false;
        if (selection.isCollapsed()) selection.modify("extend", isBackward, granularity);
        if (selection.isCollapsed()) return true;
        return $proposeSelection(selection, isBackward);
      },
      kit.CRITICAL,
    ),
  );
  const $proposeAndGoOn = () => {
    const selection = kit.$getSelection();
    if (kit.$isRangeSelection(selection) && !selection.isCollapsed()) $proposeSelection(selection, false);
    return false;
  };
  for (const command of kit.replacing) unregister.push(editor.registerCommand(command as LexicalCommand<unknown>, $proposeAndGoOn, kit.CRITICAL));
  unregister.push(
    editor.registerCommand(
      kit.REMOVE_TEXT_COMMAND,
      () => {
        const selection = kit.$getSelection();
        return kit.$isRangeSelection(selection) && $proposeSelection(selection, false);
      },
      kit.CRITICAL,
    ),
    // Cut copies and proposes the deletion: the clipboard gets the text, the text stays marked.
    editor.registerCommand(
      kit.CUT_COMMAND,
      (event) => {
        const selection = kit.$getSelection();
        if (!kit.$isRangeSelection(selection) || selection.isCollapsed()) return false;
        editor.dispatchCommand(kit.COPY_COMMAND, event);
        return $proposeSelection(selection, false);
      },
      kit.CRITICAL,
    ),
  );

  // Typing over a selection may be left to the browser by Lexical (its fast path): taken
  // over here before Lexical's own listener, so it goes through the command above.
  const onBeforeInput = (event: InputEvent) => {
    if (event.inputType !== "insertText" || event.data === null) return;
    const dom = getSelection();
    if (!dom || dom.isCollapsed || !editor.getRootElement()?.contains(dom.anchorNode)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    editor.dispatchCommand(kit.replacing[0], event.data);
  };
  document.addEventListener("beforeinput", onBeforeInput, true);

  return () => {
    root.unobserveDeep(onChange);
    document.removeEventListener("beforeinput", onBeforeInput, true);
    for (const off of unregister) off();
  };
}
