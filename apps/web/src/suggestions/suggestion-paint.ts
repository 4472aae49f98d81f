/**
 * @module suggestion-paint
 * Paints suggestions on the page with the CSS Custom Highlight API, as comments are painted
 * (Lexical owns the DOM, so nothing is wrapped): one highlight per kind and proposer colour,
 * named `quire-suggest-{insert|delete}-{rrggbb}`, styled in suggestions.css for each colour of
 * the presence palette (editor/user-color.ts) — insertions underlined, deletions struck
 * through, in the proposer's colour, so colour is never the only cue.
 */
import type { LexicalEditor } from "lexical";
import type { LocatedSuggestion } from "@quire/comments";
import type * as Y from "yjs";
import { userColor } from "../editor/user-color.ts";
import type { SuggestionKit } from "./suggestion-kit.ts";

export const highlightName = (s: Pick<LocatedSuggestion, "kind" | "author">): string => `quire-suggest-${s.kind}-${userColor(s.author.sub).color.slice(1)}`;

/** The DOM range of each suggestion on the page now (must run in an editor read). */
export function $suggestionRanges(kit: SuggestionKit, editor: LexicalEditor, root: Y.XmlElement, list: readonly LocatedSuggestion[]): Map<string, Range> {
  const out = new Map<string, Range>();
  for (const s of list) {
    const start = kit.$yToDomPoint(editor, root, s.type, s.from, true);
    const end = kit.$yToDomPoint(editor, root, s.type, s.to, false);
    if (!start || !end) continue;
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    out.set(s.id, range);
  }
  return out;
}

/** Sets the highlights for `ranges`; returns the cleanup that removes them. */
export function paintSuggestions(list: readonly LocatedSuggestion[], ranges: ReadonlyMap<string, Range>): () => void {
  const highlights = typeof CSS !== "undefined" ? CSS.highlights : undefined;
  if (!highlights) return () => {};
  const byName = new Map<string, Range[]>();
  for (const s of list) {
    const range = ranges.get(s.id);
    if (!range) continue;
    const name = highlightName(s);
    byName.set(name, [...(byName.get(name) ?? []), range]);
  }
  for (const [name, group] of byName) highlights.set(name, new Highlight(...group));
  return () => {
    for (const name of byName.keys()) highlights.delete(name);
  };
}
