/**
 * @module cpu-time
 * Time a synchronous piece of work cost the relay, for the per-user CPU budget (security S1).
 *
 * Wall time alone overcharges on a busy server: at load average 20 on a 2-core box the main
 * thread is descheduled most of the time, an honest keystroke's 2 ms commit read as 100–240 ms
 * and the B4 upload's as 3 s, and honest writers were cut off with 4530 (bench/FINDINGS.md F9).
 * Process CPU time alone can overcharge too: `process.cpuUsage()` counts every thread (Node 20
 * has no per-thread figure), so a compaction running in a worker meanwhile would be billed to
 * the writer. The smaller of the two is never more than what the work itself could have cost.
 *
 * Reading the CPU clock is a getrusage syscall summing every thread: 4–12 µs here, twice per
 * commit — a quarter of a keystroke's whole cost (bench/FINDINGS.md F15). So it is read only
 * when it can matter:
 * - Work shorter than CPU_CLOCK_ABOVE_MS of wall time is charged its wall time (≥ its CPU
 *   time; at most that much more). Honest typing is charged ≤ 1 ms per key against a refill
 *   of 100 ms/s, so no honest writer gets near the budget this way.
 * - Longer work is charged min(wall, process CPU since a reading taken at most
 *   CPU_CLOCK_ABOVE_MS before it started): a window that contains the work, so never less
 *   than the exact figure, and more by at most the CPU of that ≤ 1 ms before it.
 * Either way the charge is ≥ min(wall, CPU of the work), the figure charged before: the budget
 * is not weakened, only read more cheaply.
 */

/**
 * Wall time below which work is charged its wall time without reading the CPU clock, and the
 * oldest a CPU reading may be when work starts. A keystroke's commit takes 30–100 µs.
 */
export const CPU_CLOCK_ABOVE_MS = 1;

/** The last CPU reading (µs, user + system, all threads) and when it was taken. */
let cpuAt = Number.NEGATIVE_INFINITY;
let cpuMicros = 0;

function cpuNow(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Runs `work` and returns what it cost in milliseconds: min(wall time, process CPU time). */
export function costOf(work: () => void): number {
  const wallStarted = performance.now();
  if (wallStarted - cpuAt > CPU_CLOCK_ABOVE_MS) {
    cpuMicros = cpuNow();
    cpuAt = performance.now();
  }
  const cpuStarted = cpuMicros;
  work();
  const wall = performance.now() - wallStarted;
  if (wall < CPU_CLOCK_ABOVE_MS) return wall;
  const cpu = (cpuNow() - cpuStarted) / 1000;
  return Math.min(wall, cpu);
}
