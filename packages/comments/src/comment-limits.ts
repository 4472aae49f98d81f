/**
 * @module comment-limits
 * The shared root type comments live in and the bounds on what a comment may hold. Comments
 * arrive from other members' devices (through the relay), so readers validate every field
 * against these bounds instead of trusting the shape (a thread that does not validate is
 * skipped, never rendered half-way).
 */

/**
 * The top-level Y.Map of a document's Y.Doc that holds its comment threads, keyed by random
 * UUIDs. A root of its own (not inside the editor's `root-v2`) so the relay can tell a
 * commenter's writes (only under this root) from text edits, and so threads never become
 * editor content.
 */
export const COMMENTS_ROOT = "comments";

/** A comment or reply body: long enough for feedback on an essay, short enough to render in a margin. */
export const MAX_COMMENT_CHARS = 4_000;

/** The quoted text kept with a thread, shown when its anchor's words were deleted. */
export const MAX_QUOTE_CHARS = 300;

/** Replies per thread: a discussion longer than this belongs in the document itself. */
export const MAX_REPLIES = 200;

/** Display names stored beside the member id (`sub`), as the workspace member list caps them. */
export const MAX_NAME_CHARS = 80;
