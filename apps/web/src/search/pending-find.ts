/**
 * @module pending-find
 * Hands a search result's query to the document it opens, so the document opens with "find"
 * showing that query and the first match in view. One slot: the last result clicked wins.
 */
let pending: { docId: string; query: string } | null = null;

export function setPendingFind(docId: string, query: string): void {
  pending = { docId, query };
}

/** The query waiting for `docId` (taken: a second call gives null). */
export function takePendingFind(docId: string): string | null {
  if (pending?.docId !== docId) return null;
  const { query } = pending;
  pending = null;
  return query;
}
