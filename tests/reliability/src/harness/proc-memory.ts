/**
 * @module proc-memory
 * Memory of a process read from /proc (Linux): the relay runs as a child process, so its
 * resident set is what an operator's monitoring would see.
 */
import { readFileSync } from "node:fs";

export interface MemorySample {
  /** Current resident set size in bytes (VmRSS). */
  rssBytes: number;
  /** Peak resident set size since the process started, in bytes (VmHWM). */
  peakRssBytes: number;
}

/** Reads VmRSS and VmHWM of `pid`; throws if the process is gone. */
export function sampleMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return { rssBytes: field(status, "VmRSS"), peakRssBytes: field(status, "VmHWM") };
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status);
  if (!match?.[1]) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]) * 1024;
}

/** Samples `pid` every `intervalMs` and keeps the maximum, until `stop()` is called. */
export class MemoryWatcher {
  peakRssBytes = 0;
  samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling and returns the highest RSS seen (including the kernel's VmHWM). */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakRssBytes;
  }

  private sample(): void {
    try {
      const { rssBytes, peakRssBytes } = sampleMemory(this.pid);
      this.peakRssBytes = Math.max(this.peakRssBytes, rssBytes, peakRssBytes);
      this.samples++;
    } catch {
      // The process may be between a kill and a restart; the next sample catches up.
    }
  }
}

export const MiB = 1024 * 1024;
