/**
 * @module GeneratorPool
 * Load-generator child processes for the relay benchmarks (issue 17 item 2): the clients of
 * a benchmark are spread over these processes, so the figure measures the server, and each
 * generator's CPU is read from /proc on its own, so a saturated generator shows in the report
 * instead of silently capping the result. Child processes, not worker threads: a thread's
 * CPU is not separable from its parent's in /proc/<pid>/stat.
 */
import { type ChildProcess, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratorAnswer, GeneratorRequest } from "./generator-protocol.ts";
import { ProcessSampler, readMachineTicks } from "./ProcessSampler.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, "generator-process.ts");
const BENCH_ROOT = join(here, "../..");
/** A generator above this share of one core is flagged as saturated: it, not the server, may be the limit. */
export const SATURATED_CPU_PERCENT = 90;
/**
 * Six generators start at once, each compiling its TypeScript through tsx: at load average ~20
 * on 2 cores (other engineers' jobs) that took over 30 s twice in a row (18:43 UTC, 2026-11-30).
 */
const START_TIMEOUT_MS = 120_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class Generator {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited: Error | null = null;

  constructor(readonly child: ChildProcess) {
    child.on("message", (message: GeneratorAnswer) => {
      if ("ready" in message) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(`generator ${child.pid}: ${message.error}`));
      else waiting.resolve(message.result);
    });
    child.once("exit", (code, signal) => {
      this.exited = new Error(`generator ${child.pid} exited (${code ?? signal})`);
      for (const waiting of this.pending.values()) waiting.reject(this.exited);
      this.pending.clear();
    });
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error("generator has no pid");
    return pid;
  }

  request<T>(request: GeneratorRequest): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, request });
    });
  }
}

export interface GeneratorUsage {
  /** CPU of each generator, % of one core, in pool order. */
  cpuPercent: number[];
  /** Busy share of the whole machine (all cores), %. */
  machineBusyPercent: number;
  /** Generators at or above SATURATED_CPU_PERCENT. */
  saturated: number;
}

export class GeneratorPool {
  private samplers: ProcessSampler[] = [];
  private machineStart = readMachineTicks();

  private constructor(readonly generators: Generator[]) {}

  /** Forks `count` generators; they load TypeScript through tsx (as the Hocuspocus peer does), whoever runs the bench. */
  static async start(count: number): Promise<GeneratorPool> {
    const generators = await Promise.all(
      Array.from({ length: count }, async () => {
        const child = fork(SCRIPT, [], { cwd: BENCH_ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("generator did not start")), START_TIMEOUT_MS);
          child.once("message", () => {
            clearTimeout(timer);
            resolve();
          });
          child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`generator exited with ${code} before it was ready`));
          });
        });
        return new Generator(child);
      }),
    );
    return new GeneratorPool(generators);
  }

  get size(): number {
    return this.generators.length;
  }

  /** Sends `request` to generator `index`. */
  request<T>(index: number, request: GeneratorRequest): Promise<T> {
    const generator = this.generators[index];
    if (!generator) throw new Error(`no generator ${index}`);
    return generator.request<T>(request);
  }

  /** Starts reading every generator's CPU (and the machine's) for one phase. */
  startSampling(): void {
    this.samplers = this.generators.map((g) => new ProcessSampler(g.pid));
    for (const sampler of this.samplers) sampler.start();
    this.machineStart = readMachineTicks();
  }

  stopSampling(): GeneratorUsage {
    const cpuPercent = this.samplers.map((s) => s.stop().cpuPercent);
    const machineEnd = readMachineTicks();
    const total = machineEnd.total - this.machineStart.total;
    const idle = machineEnd.idle - this.machineStart.idle;
    return {
      cpuPercent,
      machineBusyPercent: total > 0 ? (100 * (total - idle)) / total : Number.NaN,
      saturated: cpuPercent.filter((c) => c >= SATURATED_CPU_PERCENT).length,
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.generators.map(async (g) => {
        if (g.child.exitCode !== null) return;
        const exited = new Promise((r) => g.child.once("exit", r));
        g.child.disconnect();
        const timer = setTimeout(() => g.child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
