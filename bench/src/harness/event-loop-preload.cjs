/**
 * Preloaded into a server under test (NODE_OPTIONS="--require <this file>",
 * EVENT_LOOP_DIR=<dir>) to measure its event-loop delay without changing its code
 * (issue 17 item 1: "measure event-loop delay in the benchmarks", for every server alike).
 *
 * - `perf_hooks.monitorEventLoopDelay` at RESOLUTION_MS: how late a timer fired, i.e. how
 *   long every socket of the server waited behind other work. p50/p99/max come from it.
 * - A stall log: every timer tick that came more than STALL_MS late, with its end time (wall
 *   clock and CLOCK_MONOTONIC), so a benchmark can line stalls up with what it did (e.g. crossing the relay's
 *   compaction point) and a CPU profile of the same run.
 *
 * Protocol (no IPC channel needed, so it works for processes the bench does not spawn itself,
 * e.g. testkit's RelayProcess): on SIGUSR2 the preload writes <dir>/<pid>-<n>.json (n = 1, 2,
 * … per signal; written to a temp name and renamed, so a reader never sees half a file) with
 * the figures since the previous signal, then resets. SIGUSR1 is Node's inspector signal and
 * none of the servers under test handle SIGUSR2.
 */
const { monitorEventLoopDelay } = require("node:perf_hooks");
const { writeFileSync, renameSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");

/** Timer resolution of the histogram: fine enough for a 5 ms p99 target, 500 wake-ups/s. */
const RESOLUTION_MS = 2;
/** A tick this late is logged as a stall with its time (well above scheduling noise). */
const STALL_MS = 10;
/** Stalls kept per window: a pathological run must not grow the server's memory. */
const MAX_STALLS = 2000;

const dir = process.env.EVENT_LOOP_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let stalls = [];
  const mono = () => Math.round(Number(process.hrtime.bigint()) / 1e3) / 1e3;
  let windowStart = Date.now();
  let windowStartMono = mono();
  let sequence = 0;
  let expected = performance.now() + RESOLUTION_MS;
  let cpuBefore = process.cpuUsage();
  const tick = () => {
    const now = performance.now();
    const late = now - expected;
    // CPU the process used since the last tick: a stall the server spent on the CPU is its own
    // work; one it spent off the CPU is the machine's scheduling (other processes). Counts all
    // threads (process.threadCpuUsage needs Node 23); the relay's worker mostly idles.
    const cpu = process.cpuUsage(cpuBefore);
    cpuBefore = process.cpuUsage();
    if (late > STALL_MS && stalls.length < MAX_STALLS) {
      const cpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
      stalls.push({ endedAt: Date.now(), endedAtMono: mono(), ms: Math.round(late * 10) / 10, cpuMs });
    }
    expected = now + RESOLUTION_MS;
    setTimeout(tick, RESOLUTION_MS).unref();
  };
  setTimeout(tick, RESOLUTION_MS).unref();
  // The histogram records the interval between ticks (measured: an idle loop at 2 ms shows
  // p50 ≈ 2.1 ms, a 50 ms busy loop max ≈ 50.2 ms), so the delay is that minus the period.
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  process.on("SIGUSR2", () => {
    sequence++;
    const report = {
      pid: process.pid,
      sequence,
      from: windowStart,
      to: Date.now(),
      // CLOCK_MONOTONIC ms (process.hrtime), the clock of V8's CPU profiles: lines a window
      // up with a profile of the same server (profile-stalls.ts --windows).
      fromMono: windowStartMono,
      toMono: mono(),
      resolutionMs: RESOLUTION_MS,
      samples: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      // An empty window (no tick yet) has a NaN mean, which JSON would turn into null.
      meanMs: histogram.count > 0 ? ms(histogram.mean) : 0,
      stallMs: STALL_MS,
      stalls,
    };
    const file = join(dir, `${process.pid}-${sequence}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    histogram.reset();
    stalls = [];
    windowStart = Date.now();
    windowStartMono = mono();
  });
}
