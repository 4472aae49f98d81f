/**
 * @module normalize
 * How search compares words: case-folded and without diacritics, so "ecole" finds "École"
 * and "أ" variants match as the user typed them without marks. The same rule indexes and
 * queries, and finds the words to highlight in a snippet.
 */

/** Unicode letters/digits runs: MiniSearch's default tokenizer splits on space and punctuation. */
export const WORD = /[^\n\r\p{Z}\p{P}]+/gu;

export function normalizeTerm(term: string): string {
  return term.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("und");
}

/** The words of `text` with their UTF-16 offsets. */
export function* wordsOf(text: string): Generator<{ word: string; start: number; end: number }> {
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    yield { word: match[0], start, end: start + match[0].length };
  }
}
