/**
 * @module shown-title
 * The title a reader sees for a document. A new document's shared title is the mark
 * `UNTITLED` (stored once, by whoever created it, in the workspace index); each reader sees it
 * as the interface language says "Untitled document", so a French class does not read English
 * and a Swahili classmate does not read French (issue 16).
 *
 * Invariant: only the display changes. The stored title stays `UNTITLED` until someone types
 * a title: title fields compare what is typed against the title they show (use-title-draft.ts),
 * so leaving one untouched writes nothing (reliability T1).
 */
import { UNTITLED } from "@quire/client";

/** `title` as shown; `untitled` is the interface language's words for {@link UNTITLED}. */
export function shownTitle(title: string, untitled: string): string {
  return title === UNTITLED ? untitled : title;
}
