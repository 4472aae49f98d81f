/**
 * @module search-protocol
 * Messages between the page and the search worker (search.worker.ts). The worker checks what
 * it receives (`parseRequest`): a message is small and comes from this origin, but a bad one
 * must be dropped, not crash the index every tab of the workspace relies on.
 */
import type { SearchHit } from "@quire/search";

export interface DocToIndex {
  id: string;
  title: string;
  /** The IndexedDB name of this person's device copy (deviceCopyName). */
  copy: string;
}

export type SearchRequest =
  /** Keep `key`'s index in step with these documents (others are dropped from it). */
  | { type: "index"; key: string; docs: DocToIndex[] }
  | { type: "search"; seq: number; query: string };

export interface IndexStatus {
  /** Documents in the index now. */
  indexed: number;
  /** Documents asked for. */
  total: number;
  /** Re-indexing is under way. */
  busy: boolean;
  /** The worker could not start (first search ever, offline): search is not ready here. */
  unavailable?: boolean;
}

export type SearchResponse =
  | ({ type: "status" } & IndexStatus)
  | ({ type: "results"; seq: number; query: string; hits: SearchHit[] } & IndexStatus);

/** Documents one workspace may ask to index (a class has dozens, not tens of thousands). */
export const MAX_DOCS_PER_REQUEST = 5_000;

export function parseRequest(data: unknown): SearchRequest | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === "search") {
    return typeof m.seq === "number" && typeof m.query === "string" ? { type: "search", seq: m.seq, query: m.query } : null;
  }
  if (m.type === "index" && typeof m.key === "string" && Array.isArray(m.docs) && m.docs.length <= MAX_DOCS_PER_REQUEST) {
    const docs: DocToIndex[] = [];
    for (const d of m.docs as unknown[]) {
      const doc = d as Record<string, unknown> | null;
      if (!doc || typeof doc.id !== "string" || typeof doc.title !== "string" || typeof doc.copy !== "string") return null;
      docs.push({ id: doc.id, title: doc.title, copy: doc.copy });
    }
    return { type: "index", key: m.key, docs };
  }
  return null;
}
