/**
 * @module WorkspaceSearchIndex
 * A ranked full-text index over one workspace's documents (MiniSearch: BM25 ranking, prefix
 * and fuzzy matching), updated one document at a time and saved as a string, so a device
 * re-indexes only the documents that changed since the last visit.
 *
 * Invariants:
 * - A document is in the index at most once; `upsert` replaces it whole.
 * - `fingerprint(id)` is what the caller said the indexed content was (e.g. the device copy's
 *   row count and last key): equal fingerprint, nothing to do.
 * - A saved index that cannot be read (other format version, corrupted storage) loads as
 *   `null`: the caller starts empty and re-indexes; search never throws on stored bytes.
 */
import MiniSearch from "minisearch";
import { normalizeTerm } from "./normalize.ts";
import { type Snippet, snippetOf } from "./snippet.ts";

/** Bumped when the saved layout or the tokenising rule changes: older saves re-index. */
export const INDEX_FORMAT = 1;
/**
 * Characters of one document indexed. B4 (a 20-page paper typed for hours) is ~105k; a
 * pasted book beyond this keeps its first part searchable instead of stalling the worker.
 */
export const MAX_INDEXED_CHARS = 1_000_000;
/** Longest query used; a pasted paragraph is cut, not refused. */
export const MAX_QUERY_CHARS = 200;
/** Results returned by default (a sidebar list, not a results page). */
export const DEFAULT_RESULT_LIMIT = 20;

export interface IndexedDoc {
  id: string;
  title: string;
  /** One string per block, in document order (see documentBlocks). */
  blocks: string[];
  fingerprint: string;
}

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  /** Where the match is in the text (the start of the text for a title-only match). */
  snippet: Snippet;
  /** [start, end) of matched words in `title`. */
  titleMarks: [number, number][];
}

interface Stored {
  id: string;
  title: string;
  text: string;
  blocks: string[];
}

interface Saved {
  format: number;
  fingerprints: Record<string, string>;
  index: string;
}

const OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["title", "blocks"],
  processTerm: (term: string) => normalizeTerm(term),
  searchOptions: {
    boost: { title: 2 },
    combineWith: "AND" as const,
    // Typing "photos" finds "photosynthesis" as the student types.
    prefix: true,
    // One typo in a word of 5+ letters ("recieve"); short words match exactly.
    fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  },
};

export class WorkspaceSearchIndex {
  private constructor(
    private readonly engine: MiniSearch<Stored>,
    private readonly fingerprints: Map<string, string>,
  ) {}

  static empty(): WorkspaceSearchIndex {
    return new WorkspaceSearchIndex(new MiniSearch<Stored>(OPTIONS), new Map());
  }

  /** A saved index, or null when it is not one this code can read (re-index instead). */
  static load(saved: unknown): WorkspaceSearchIndex | null {
    if (typeof saved !== "string") return null;
    try {
      const parsed = JSON.parse(saved) as Partial<Saved>;
      if (parsed.format !== INDEX_FORMAT || typeof parsed.index !== "string") return null;
      const fingerprints = parsed.fingerprints;
      if (typeof fingerprints !== "object" || fingerprints === null) return null;
      const map = new Map<string, string>();
      for (const [id, value] of Object.entries(fingerprints)) {
        if (typeof value !== "string") return null;
        map.set(id, value);
      }
      const engine = MiniSearch.loadJSON<Stored>(parsed.index, OPTIONS);
      if (engine.documentCount !== map.size) return null;
      return new WorkspaceSearchIndex(engine, map);
    } catch {
      return null;
    }
  }

  save(): string {
    const saved: Saved = { format: INDEX_FORMAT, fingerprints: Object.fromEntries(this.fingerprints), index: JSON.stringify(this.engine) };
    return JSON.stringify(saved);
  }

  get size(): number {
    return this.fingerprints.size;
  }

  ids(): string[] {
    return [...this.fingerprints.keys()];
  }

  fingerprint(id: string): string | undefined {
    return this.fingerprints.get(id);
  }

  upsert(doc: IndexedDoc): void {
    this.remove(doc.id);
    const blocks = capped(doc.blocks);
    this.engine.add({ id: doc.id, title: doc.title, text: blocks.join("\n"), blocks });
    this.fingerprints.set(doc.id, doc.fingerprint);
  }

  remove(id: string): void {
    if (!this.fingerprints.has(id)) return;
    this.engine.discard(id);
    this.fingerprints.delete(id);
  }

  /** Best matches first; [] for a blank query. */
  search(query: string, limit = DEFAULT_RESULT_LIMIT): SearchHit[] {
    const q = query.slice(0, MAX_QUERY_CHARS).trim();
    if (q === "") return [];
    return this.engine
      .search(q)
      .slice(0, limit)
      .map((result) => {
        const terms = new Set(result.terms.map(normalizeTerm));
        const title = String(result.title ?? "");
        const blocks = Array.isArray(result.blocks) ? (result.blocks as string[]) : [];
        return { id: String(result.id), title, score: result.score, snippet: snippetOf(blocks, terms), titleMarks: snippetOf([title], terms, title.length + 1).marks };
      });
  }
}

function capped(blocks: readonly string[]): string[] {
  const out: string[] = [];
  let total = 0;
  for (const block of blocks) {
    if (total + block.length > MAX_INDEXED_CHARS) {
      out.push(block.slice(0, MAX_INDEXED_CHARS - total));
      break;
    }
    out.push(block);
    total += block.length;
  }
  return out;
}
