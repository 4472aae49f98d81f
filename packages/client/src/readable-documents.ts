/**
 * @module readable-documents
 * Decoder for the relay's `GET /api/workspaces/<id>/documents` answer (issue 13): the class's
 * documents this member may read, each with whether she may write it now. Untrusted JSON, so
 * every entry is checked; entries of another workspace or with a malformed id are dropped.
 */
import { DOC_ID } from "./doc-id.ts";

export interface ReadableDocument {
  /** The document id inside the workspace (no `<workspaceId>/` prefix). */
  docId: string;
  writable: boolean;
}

/** Most documents one answer may list (a class of 25 students × a few documents, with room). */
const MAX_LISTED = 10_000;

/** The readable documents in `data`, or null when it is not the relay's answer. */
export function parseReadableDocuments(data: unknown, workspaceId: string): ReadableDocument[] | null {
  if (typeof data !== "object" || data === null) return null;
  const documents = (data as { documents?: unknown }).documents;
  if (!Array.isArray(documents) || documents.length > MAX_LISTED) return null;
  const prefix = `${workspaceId}/`;
  const listed: ReadableDocument[] = [];
  for (const entry of documents) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, writable } = entry as { id?: unknown; writable?: unknown };
    if (typeof id !== "string" || !id.startsWith(prefix)) continue;
    const docId = id.slice(prefix.length);
    if (!DOC_ID.test(docId)) continue; // The class's `index` and foreign names are not documents.
    listed.push({ docId, writable: writable === true });
  }
  return listed;
}
