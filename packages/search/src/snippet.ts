/**
 * @module snippet
 * A short piece of a document around the first match, with every matched word marked, for a
 * search result ("…the <mark>river</mark> floods every…").
 */
import { normalizeTerm, wordsOf } from "./normalize.ts";

export interface Snippet {
  text: string;
  /** [start, end) UTF-16 offsets into `text` of the words to highlight. */
  marks: [number, number][];
}

/** Characters of context shown around the first match. */
export const SNIPPET_CHARS = 160;

/**
 * The snippet of `blocks` around the first word whose normalized form is in `terms`
 * (normalized already); the start of the document when no word matches (a title-only hit).
 */
export function snippetOf(blocks: readonly string[], terms: ReadonlySet<string>, width = SNIPPET_CHARS): Snippet {
  for (const block of blocks) {
    for (const { word, start } of wordsOf(block)) {
      if (!matches(word, terms)) continue;
      return cut(block, start, terms, width);
    }
  }
  const first = blocks[0] ?? "";
  return cut(first, 0, terms, width);
}

function matches(word: string, terms: ReadonlySet<string>): boolean {
  return terms.has(normalizeTerm(word));
}

function cut(block: string, at: number, terms: ReadonlySet<string>, width: number): Snippet {
  let from = Math.max(0, at - Math.floor(width / 3));
  let to = Math.min(block.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  // Whole words at both ends.
  if (from > 0) {
    const space = block.indexOf(" ", from);
    if (space >= 0 && space < at) from = space + 1;
  }
  if (to < block.length) {
    const space = block.lastIndexOf(" ", to);
    if (space > at) to = space;
  }
  const lead = from > 0 ? "…" : "";
  const body = block.slice(from, to);
  const text = `${lead}${body}${to < block.length ? "…" : ""}`;
  const marks: [number, number][] = [];
  for (const { word, start, end } of wordsOf(body)) {
    if (matches(word, terms)) marks.push([start + lead.length, end + lead.length]);
  }
  return { text, marks };
}
