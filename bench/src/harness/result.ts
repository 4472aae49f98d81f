/**
 * @module result
 * What a benchmark returns: markdown-ready tables (formatted figures) plus the raw numbers
 * for bench/results/*.json, and whether each target was met.
 */
import type { Summary } from "./stats.ts";

export interface Table {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface BenchmarkResult {
  id: string;
  title: string;
  /** "ok", or "not run: <reason>" / "failed: <error>" — never a fabricated figure. */
  status: string;
  /** How it was measured (sizes, runs, rates), one markdown paragraph. */
  method: string;
  tables: Table[];
  /** Observations worth reading next to the tables (one line each). */
  notes: string[];
  /** Raw numbers (summaries, samples) for the JSON file. */
  data: Record<string, unknown>;
  startedAt: string;
  durationSeconds: number;
}

export interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<Omit<BenchmarkResult, "id" | "title" | "startedAt" | "durationSeconds">>;
}

/** "12.3 (11.0–14.2)": a median with its min–max, as every figure in the report is shown. */
export function fmt(summary: Summary, digits = 1, scale = 1): string {
  if (summary.n === 0 || !Number.isFinite(summary.median)) return "n/a";
  const f = (v: number) => (v * scale).toFixed(digits);
  if (summary.n === 1) return f(summary.median);
  return `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`;
}

export function fmtRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
}

/** "met" / "missed" for a ratio against its bound; lower is better unless `higherIsBetter`. */
export function verdict(value: number, bound: number, higherIsBetter = false): string {
  if (!Number.isFinite(value)) return "n/a";
  const met = higherIsBetter ? value >= bound : value <= bound;
  return met ? "**met**" : "**missed**";
}

export const MiB = 1024 * 1024;
