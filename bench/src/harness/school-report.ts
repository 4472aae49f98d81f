/**
 * @module school-report
 * A seeded stand-in for a student's report: `pages` pages of 12 paragraphs, each 40–80 words
 * drawn from the B4 trace's own vocabulary, so the doc is real prose-shaped text of a known
 * size (a page ≈ 450 words ≈ 3 KB, as in a school report) and the same in every run. The first
 * line is a short title: the benchmarks type at its end (End on a wrapped line would stop at
 * the end of the visual line, not of the paragraph).
 */
import { seededRandom } from "@quire/testkit";

export const PARAGRAPHS_PER_PAGE = 12;

export function schoolReport(vocabularySource: string, pages: number, seed = 17): string {
  const words = vocabularySource.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z,.'-]*$/.test(w));
  if (words.length === 0) throw new Error("no words to write a report with");
  const random = seededRandom(seed);
  const paragraphs: string[] = ["Our class report"];
  for (let p = 0; p < pages * PARAGRAPHS_PER_PAGE; p++) {
    const length = 40 + Math.floor(random() * 41);
    const chosen = Array.from({ length }, () => words[Math.floor(random() * words.length)] as string);
    paragraphs.push(chosen.join(" "));
  }
  return paragraphs.join("\n");
}
