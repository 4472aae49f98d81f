/**
 * @module suggestion-limits
 * The shared root type suggestions live in and the bounds on what the panel shows of one.
 */

/**
 * The top-level Y.Map of a document's Y.Doc that holds its suggestions, keyed by random UUIDs.
 * A root of its own, not `comments`: the relay lets a commenter write only under `comments`,
 * and a suggestion is an edit (its insertions are text), so a commenter cannot suggest.
 */
export const SUGGESTIONS_ROOT = "suggestions";

/** The proposed text the suggestion list shows; the page shows all of it. */
export const MAX_SUGGESTION_QUOTE_CHARS = 300;
