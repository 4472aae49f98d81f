/**
 * @module use-title-draft
 * The text of a title field that renames a document for everyone (the big title, the sidebar's
 * inline rename). Invariant: a field only ever writes what the person typed into it.
 *
 * Until they type, the field shows the shared title and follows it — also while it has focus —
 * so leaving the field writes nothing. Before, the field kept what it showed when it got focus:
 * opened by URL before the workspace index had loaded, it held the placeholder "Untitled
 * document", the real title arrived, and the first click into the page saved the placeholder
 * over it for every member (issue 10, reliability T1).
 */
import { useCallback, useState } from "react";

export interface TitleDraft {
  /** What the field shows: the person's text once they typed, else the shared title ("" while unknown). */
  value: string;
  /** The person typed: from now on the field shows their text. */
  edit(text: string): void;
  /**
   * Ends the edit and returns the title to save: the person's text, trimmed, when they typed
   * one that differs from the shared title; otherwise null (nothing to write).
   */
  finish(): string | null;
  /** Drops what was typed; the field follows the shared title again. */
  cancel(): void;
}

/** `title` is the shared title, or null while it is not known (index not loaded, unknown doc). */
export function useTitleDraft(title: string | null): TitleDraft {
  // null = the person has not typed since the field last followed the shared title.
  const [typed, setTyped] = useState<string | null>(null);
  const finish = useCallback((): string | null => {
    setTyped(null);
    if (typed === null || title === null) return null;
    const next = typed.trim();
    return next !== "" && next !== title ? next : null;
  }, [typed, title]);
  const cancel = useCallback(() => setTyped(null), []);
  return { value: typed ?? title ?? "", edit: setTyped, finish, cancel };
}
