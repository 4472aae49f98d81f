/**
 * @module stats
 * Summaries every benchmark reports: median with min/max over runs, and latency percentiles
 * over samples. The issue asks for "every figure a median with min/max".
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Number of runs the summary covers. */
  n: number;
}

/** Median/min/max of `values` (NaN when empty, so a missing figure is visible, never 0). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: values.length };
}

/** Percentile `p` (0–100) of an ascending array, linear interpolation between ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** Percentile of unsorted samples (sorts a copy). */
export function percentileOf(values: readonly number[], p: number): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Ratio quire / peer; NaN when either is missing. */
export function ratio(quire: number, peer: number): number {
  if (!Number.isFinite(quire) || !Number.isFinite(peer) || peer === 0) return Number.NaN;
  return quire / peer;
}
