/**
 * @module convergence-regressions
 * Seeds that once failed stay here and run first in every fast slice. Each entry says what
 * it found.
 */

/** Seeds that found bugs (see tests/reliability/FINDINGS.md). */
export const REGRESSION_SEEDS: readonly number[] = [
  // Soak seed: the relay closed a client (reordered delete refused, 4400) while its close
  // event was still in flight; the simulator's reconnect raced it ("already connected").
  100_003,
  // Soak seed: a client was refused (4400 "update deletes content that does not exist") during
  // its first sync after reconnecting; the simulator now reconnects it as a stock client would.
  100_047,
];

/**
 * Relay settings for convergence runs: compaction after a handful of rows so merges race
 * with live writes, and quick unloads so docs reload from storage between seeds.
 */
export const CONVERGENCE_RELAY_ENV: Record<string, string> = {
  COMPACT_AFTER_UPDATES: "20",
  UNLOAD_DELAY_MS: "100",
};
