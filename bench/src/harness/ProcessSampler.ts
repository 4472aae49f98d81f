/**
 * @module ProcessSampler
 * Samples another process's CPU time and memory from /proc (Linux), so servers are measured
 * from outside, in their own process, the way an operator's `top` would see them.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

export interface ProcSnapshot {
  /** user + system CPU seconds since the process started. */
  cpuSeconds: number;
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Peak resident set size (VmHWM) since start, bytes. */
  peakRssBytes: number;
}

/** Reads one snapshot; throws if the process is gone. */
export function readProc(pid: number): ProcSnapshot {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Field 2 (comm) may contain spaces; fields after the closing paren are space-separated.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    cpuSeconds: (utime + stime) / TICKS_PER_SECOND,
    rssBytes: kbField(status, "VmRSS") * 1024,
    peakRssBytes: kbField(status, "VmHWM") * 1024,
  };
}

function kbField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

/**
 * Polls a process every `intervalMs` while a phase runs: peak RSS within the phase (VmHWM
 * covers the whole life, so we also keep our own max) and CPU used between start and stop.
 */
export class ProcessSampler {
  private timer: NodeJS.Timeout | null = null;
  private startCpu = 0;
  private startedAt = 0;
  private maxRss = 0;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    const first = readProc(this.pid);
    this.startCpu = first.cpuSeconds;
    this.maxRss = first.rssBytes;
    this.startedAt = performance.now();
    this.timer = setInterval(() => {
      try {
        this.maxRss = Math.max(this.maxRss, readProc(this.pid).rssBytes);
      } catch {
        // The process exited mid-phase; stop() reports what was seen.
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops sampling: CPU seconds used, CPU share of one core, max RSS seen in the phase. */
  stop(): { cpuSeconds: number; cpuPercent: number; maxRssBytes: number; rssBytes: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const last = readProc(this.pid);
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpuSeconds = last.cpuSeconds - this.startCpu;
    return {
      cpuSeconds,
      cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : Number.NaN,
      maxRssBytes: Math.max(this.maxRss, last.rssBytes),
      rssBytes: last.rssBytes,
    };
  }
}

/** Cumulative CPU ticks of the whole machine (all cores) from /proc/stat: total and idle (idle + iowait). */
export function readMachineTicks(): { total: number; idle: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return { total, idle: (ticks[3] ?? 0) + (ticks[4] ?? 0) };
}
