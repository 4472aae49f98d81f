export { documentBlocks, ROOT_NAME } from "./doc-blocks.ts";
export { normalizeTerm } from "./normalize.ts";
export { type Snippet, SNIPPET_CHARS, snippetOf } from "./snippet.ts";
export {
  DEFAULT_RESULT_LIMIT,
  INDEX_FORMAT,
  type IndexedDoc,
  MAX_INDEXED_CHARS,
  MAX_QUERY_CHARS,
  type SearchHit,
  WorkspaceSearchIndex,
} from "./WorkspaceSearchIndex.ts";
export { findAll, MAX_FIND_CHARS } from "./find-in-text.ts";
