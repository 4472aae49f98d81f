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
 */

/** Runs `work` and returns what it cost in milliseconds: min(wall time, process CPU time). */
export function costOf(work: () => void): number {
  const wallStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpuStarted);
  const wall = performance.now() - wallStarted;
  return Math.min(wall, (cpu.user + cpu.system) / 1000);
}
