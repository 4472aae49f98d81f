/**
 * @module find-in-text
 * Every place a query occurs in a text, the way search compares words (case and accents
 * ignored: "ecole" finds "École"), as offsets into the ORIGINAL text — for "find in this
 * document" (Ctrl+F) and for opening a search result at its match.
 */

/** Longest query looked for; a pasted paragraph is cut, not refused. */
export const MAX_FIND_CHARS = 200;

interface Folded {
  text: string;
  /** For each code unit of `text`, the offset in the original it came from. */
  origin: number[];
}

/** Case- and accent-folded text with a map back to the original offsets. */
function fold(text: string): Folded {
  let out = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const piece = ch.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("und");
    for (let k = 0; k < piece.length; k++) origin.push(i);
    out += piece;
    i += ch.length;
  }
  origin.push(i);
  return { text: out, origin };
}

/** [start, end) offsets in `text` of each non-overlapping occurrence of `query`. */
export function findAll(text: string, query: string): [number, number][] {
  const needle = fold(query.slice(0, MAX_FIND_CHARS).trim()).text;
  if (needle === "") return [];
  const hay = fold(text);
  const found: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(needle, from);
    if (at < 0) break;
    const start = hay.origin[at] ?? 0;
    // End: the original offset just past the last folded unit of the match.
    const lastOrigin = hay.origin[at + needle.length - 1] ?? start;
    found.push([start, nextBoundary(text, lastOrigin)]);
    from = at + needle.length;
  }
  return found;
}

/** The offset just past the character (code point, with its combining marks) at `at`. */
function nextBoundary(text: string, at: number): number {
  const cp = text.codePointAt(at) ?? 0;
  let end = at + (cp > 0xffff ? 2 : 1);
  while (end < text.length && /\p{M}/u.test(text[end] ?? "")) end++;
  return end;
}
