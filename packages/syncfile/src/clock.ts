/**
 * @module clock
 * A monotonic millisecond clock from the host (browser or Node both have `performance`),
 * typed here because this package compiles without DOM or Node types.
 */
const host = globalThis as unknown as { performance: { now(): number } };

export function monotonicMs(): number {
  return host.performance.now();
}
