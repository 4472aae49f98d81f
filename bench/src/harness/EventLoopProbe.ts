/**
 * @module EventLoopProbe
 * Reads a server's event-loop delay through `event-loop-preload.cjs` (which the server was
 * started with, see {@link eventLoopEnv}): `mark()` starts a window, `read()` ends it and
 * returns the delay p50/p99/max of that window plus every stall above 10 ms with its time.
 * The server's code is not changed; the same preload runs in every server under test.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type Summary, summarize } from "./stats.ts";

const PRELOAD = resolve(dirname(fileURLToPath(import.meta.url)), "event-loop-preload.cjs");
/** How long a stalled server may take to answer the signal (it answers after the stall). */
const READ_TIMEOUT_MS = 30_000;

export interface Stall {
  /** Wall-clock time (ms since epoch) at which the late tick ran, i.e. the stall's end. */
  endedAt: number;
  /** The same instant on CLOCK_MONOTONIC (ms), the clock of V8 CPU profiles. */
  endedAtMono: number;
  ms: number;
  /**
   * CPU the server's event-loop thread used meanwhile (Linux schedstat; all its threads where
   * that is unreadable): near `ms` = its own work, near 0 = descheduled.
   */
  cpuMs: number;
  /** CPU of all the server's threads meanwhile (workers included), when the preload gave it. */
  processCpuMs?: number;
}

export interface EventLoopWindow {
  from: number;
  to: number;
  /** The window on CLOCK_MONOTONIC (ms): profile-stalls.ts --windows filters a CPU profile by it. */
  fromMono: number;
  toMono: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  stalls: Stall[];
}

/** A private directory for one server's reports, and the NODE_OPTIONS entry that loads the preload. */
export function eventLoopEnv(): { dir: string; preload: string } {
  return { dir: mkdtempSync(join(tmpdir(), "bench-eld-")), preload: `--require ${PRELOAD}` };
}

export class EventLoopProbe {
  private sequence = 0;

  constructor(
    private readonly pid: () => number,
    private readonly dir: string,
  ) {}

  /** Starts a new window (the figures since the previous call are dropped). */
  async mark(): Promise<void> {
    await this.read();
  }

  /** Ends the current window and returns its figures. */
  async read(): Promise<EventLoopWindow> {
    const pid = this.pid();
    this.sequence++;
    const file = join(this.dir, `${pid}-${this.sequence}.json`);
    process.kill(pid, "SIGUSR2");
    const deadline = performance.now() + READ_TIMEOUT_MS;
    while (!existsSync(file)) {
      if (performance.now() > deadline) throw new Error(`pid ${pid} wrote no event-loop report within ${READ_TIMEOUT_MS} ms (started without the preload?)`);
      await sleep(5);
    }
    return parseWindow(JSON.parse(readFileSync(file, "utf8")));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The preload's file is ours, but it crossed a process boundary: check its shape. */
export function parseWindow(value: unknown): EventLoopWindow {
  const v = value as Record<string, unknown>;
  const numbers = ["from", "to", "fromMono", "toMono", "samples", "p50Ms", "p99Ms", "maxMs", "meanMs"] as const;
  for (const key of numbers) if (typeof v?.[key] !== "number") throw new Error(`event-loop report without ${key}`);
  if (!Array.isArray(v.stalls)) throw new Error("event-loop report without stalls");
  const stalls = (v.stalls as unknown[]).map((s) => {
    const stall = s as Record<string, unknown>;
    if (typeof stall?.endedAt !== "number" || typeof stall.endedAtMono !== "number" || typeof stall.ms !== "number" || typeof stall.cpuMs !== "number") {
      throw new Error("malformed stall");
    }
    const processCpuMs = typeof stall.processCpuMs === "number" ? { processCpuMs: stall.processCpuMs } : {};
    return { endedAt: stall.endedAt, endedAtMono: stall.endedAtMono, ms: stall.ms, cpuMs: stall.cpuMs, ...processCpuMs };
  });
  return {
    from: v.from as number,
    to: v.to as number,
    fromMono: v.fromMono as number,
    toMono: v.toMono as number,
    samples: v.samples as number,
    p50Ms: v.p50Ms as number,
    p99Ms: v.p99Ms as number,
    maxMs: v.maxMs as number,
    meanMs: v.meanMs as number,
    stalls,
  };
}

export interface EventLoopSummary {
  /** Median (min–max) over windows of each window's p50 / p99. */
  p50: Summary;
  p99: Summary;
  /** Largest single delay over all windows. */
  maxMs: number;
  /** Stalls over 10 ms, all windows together. */
  stalls: number;
  /** Of those, stalls in which the server itself burnt ≥ OWN_STALL_CPU_MS of CPU (its own work, however long the machine stretched it). */
  ownStalls: number;
  /** The most CPU the server burnt within one stall (0: none), ms: the length of its longest own block. */
  ownMaxMs: number;
}

/**
 * A stall is the server's own work when it burnt at least this much CPU during it. On a
 * loaded machine an 80 ms block can take 400 ms of wall time, so the CPU share would
 * misjudge it; the CPU burnt is the block's length as an idle machine would see it.
 */
export const OWN_STALL_CPU_MS = 10;

export function isOwnStall(stall: Stall): boolean {
  return stall.cpuMs >= OWN_STALL_CPU_MS;
}

export function summarizeEventLoop(windows: readonly EventLoopWindow[]): EventLoopSummary {
  return {
    p50: summarize(windows.map((w) => w.p50Ms)),
    p99: summarize(windows.map((w) => w.p99Ms)),
    maxMs: windows.length === 0 ? Number.NaN : Math.max(...windows.map((w) => w.maxMs)),
    stalls: windows.reduce((sum, w) => sum + w.stalls.length, 0),
    ownStalls: windows.reduce((sum, w) => sum + w.stalls.filter(isOwnStall).length, 0),
    ownMaxMs: Math.max(0, ...windows.flatMap((w) => w.stalls.map((s) => s.cpuMs))),
  };
}

/**
 * An idle Node process with the same preload: its "event-loop delay" is pure scheduling by
 * the machine (other processes on the same cores), the floor under every server's figure.
 * On a shared 2-core box this floor is far from zero; a server's delay means something only
 * next to it.
 */
export async function startIdleControl(): Promise<{ probe: EventLoopProbe; stop(): Promise<void> }> {
  const { dir, preload } = eventLoopEnv();
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30); console.log('idle')"], {
    env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" "), EVENT_LOOP_DIR: dir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolveReady, reject) => {
    child.stdout?.once("data", () => resolveReady());
    child.once("exit", (code) => reject(new Error(`idle control exited with ${code}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("idle control has no pid");
  const probe = new EventLoopProbe(() => pid, dir);
  return {
    probe,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      probe.remove();
    },
  };
}
