/**
 * @module readable-documents
 * Decoder for the relay's `GET /api/workspaces/<id>/documents` answer (issue 13): the class's
 * documents this member may read, each with whether she may write it now. Untrusted JSON, so
 * every entry is checked; entries of another workspace or with a malformed id are dropped.
 * Loaded only when the app asks the relay (ApiClient imports it on demand): it is no use
 * offline and stays out of the first load.
 */
import { DOC_ID } from "./doc-id.ts";
import { type IndexLayout, parseIndexLayout } from "./index-layout.ts";

export type { IndexLayout } from "./index-layout.ts";

export interface ReadableDocument {
  /** The document id inside the workspace (no `<workspaceId>/` prefix). */
  docId: string;
  writable: boolean;
}

/** Most documents one answer may list (a class of 25 students × a few documents, with room). */
const MAX_LISTED = 10_000;

export interface ReadableDocuments {
  documents: ReadableDocument[];
  /**
   * Whether the class can keep documents from her (it has groups). False: every document of
   * the class is hers to read, including ones the relay has not stored yet. Absent in the
   * answer (an older relay): true, the careful reading.
   */
  restricted: boolean;
  /**
   * The class's document list is split by audience (issue 13): the index docs she reads and the
   * one her new documents go in. Absent (null): one `<workspaceId>/index` for everyone.
   */
  index: IndexLayout | null;
}

/** The readable documents in `data`, or null when it is not the relay's answer. */
export function parseReadableDocuments(data: unknown, workspaceId: string): ReadableDocuments | null {
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
  const { restricted, index } = data as { restricted?: unknown; index?: unknown };
  return { documents: listed, restricted: restricted !== false, index: parseIndexLayout(index) };
}
