/**
 * @module report
 * Figures from a run (seeds, frames, faults, memory) printed as one line and kept as JSON in
 * tests/reliability/results/ (git-ignored) so docs/reliability.md can quote the latest run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../results");

/** Prints `figures` and writes them to results/<name>.json with a timestamp. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const entry = { name, at: new Date().toISOString(), ...figures };
  console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(entry, null, 2)}\n`);
}
