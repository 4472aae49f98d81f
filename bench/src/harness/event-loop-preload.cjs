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
const { writeFileSync, renameSync, mkdirSync, openSync, readSync } = require("node:fs");
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
  // CPU time of the main thread alone (the event loop), in ns: the first field of Linux's
  // /proc/<pid>/task/<pid>/schedstat. process.cpuUsage counts every thread, so a server whose
  // worker threads compact or decode (Quire's relay, issue 17) had their work counted as the
  // event loop's own (process.threadCpuUsage needs Node 23). Re-read in place with pread.
  let schedFd = -1;
  try {
    schedFd = openSync(`/proc/self/task/${process.pid}/schedstat`, "r");
  } catch {}
  const schedBuffer = Buffer.alloc(128);
  const mainCpuNs = () => {
    if (schedFd < 0) return Number.NaN;
    const n = readSync(schedFd, schedBuffer, 0, schedBuffer.length, 0);
    return Number(schedBuffer.toString("latin1", 0, n).split(" ")[0]);
  };
  let mainBefore = mainCpuNs();
  const tick = () => {
    const now = performance.now();
    const late = now - expected;
    // CPU used since the last tick: a stall the server spent on the CPU is its own work; one it
    // spent off the CPU is the machine's scheduling (other processes).
    const cpu = process.cpuUsage(cpuBefore);
    cpuBefore = process.cpuUsage();
    const mainNow = mainCpuNs();
    const mainMs = (mainNow - mainBefore) / 1e6;
    mainBefore = mainNow;
    if (late > STALL_MS && stalls.length < MAX_STALLS) {
      const processCpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
      // cpuMs: the event loop's thread where Linux tells it, else the whole process.
      const cpuMs = Number.isFinite(mainMs) ? Math.round(mainMs * 10) / 10 : processCpuMs;
      stalls.push({ endedAt: Date.now(), endedAtMono: mono(), ms: Math.round(late * 10) / 10, cpuMs, processCpuMs });
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
