export { anchorRange, type PositionType, type ResolvedAnchor, resolveAnchor } from "./anchor.ts";
export { COMMENTS_ROOT, MAX_COMMENT_CHARS, MAX_NAME_CHARS, MAX_QUOTE_CHARS, MAX_REPLIES } from "./comment-limits.ts";
export {
  type CommentAuthor,
  CommentInputError,
  type CommentReply,
  type CommentThread,
  CommentThreads,
  type IdSource,
  type NewThread,
} from "./CommentThreads.ts";
export { findMentions, type Mentionable, mentionCandidates } from "./mentions.ts";
export { summarizeThreads, type ThreadCounts } from "./thread-counts.ts";
export { MAX_SUGGESTION_QUOTE_CHARS, SUGGESTIONS_ROOT } from "./suggestion-limits.ts";
export { type LocatedSuggestion, plainSlice, type Suggestion, type SuggestionKind, Suggestions } from "./Suggestions.ts";
export { localInsertions, type TextInsertion } from "./local-insertions.ts";
export { commentWriteIds, type WriteId } from "./write-ids.ts";
