/**
 * @module stage-trace
 * Benchmark instrument (bench/FINDINGS.md F19): where an update's time goes inside the relay,
 * stage by stage — frame received (the socket's `message` event) → handed to the handler (the
 * connection's queue) → applied and staged → group commit started → committed → written to every
 * reader's socket — plus every garbage collection and every group commit, so the slowest 1 %
 * of a fan-out run can be told apart: waiting in a queue, a commit, a GC, or none of these.
 *
 * Off unless `QUIRE_STAGE_TRACE_DIR` is set (the benchmark's `QUIRE_BENCH_STAGE_TRACE`): then
 * `stageTrace` is non-null and the relay writes `<dir>/stage-trace-<pid>.json` when it exits.
 * Off, every hook is one null check. Times are `performance.now()` ms; `timeOrigin` converts.
 * At most MAX_RECORDS updates are kept (a long run must not grow the relay's memory).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";

/** One update's passage through the relay. 0: the stage was not reached (or not traced). */
export interface UpdateStages {
  doc: string;
  received: number;
  handled: number;
  staged: number;
  commitStarted: number;
  committed: number;
  sent: number;
  /** Readers it was written to. */
  readers: number;
}

/** Updates kept; at ~300 bytes each, 200,000 is ~60 MB, more than any relay benchmark sends. */
const MAX_RECORDS = 200_000;

export class StageTrace {
  readonly updates: UpdateStages[] = [];
  readonly gcs: { start: number; duration: number; kind: number }[] = [];
  /**
   * Group commits, with what the main thread did meanwhile (Linux /proc, per thread): times it
   * gave up the CPU itself (`slept`: a lock's busy wait, blocking I/O) and times it was
   * preempted (`preempted`: other work on a busy box).
   */
  readonly commits: { start: number; end: number; rows: number; slept: number; preempted: number }[] = [];
  /** The message the connection pump is handling now (synchronous handling only). */
  current: UpdateStages | null = null;
  /** When the group commit running now started (RelayDocumentStore.flush). */
  commitStarted = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      if (this.gcs.length < MAX_RECORDS) this.gcs.push({ start: entry.startTime, duration: entry.duration, kind });
    }
  });

  constructor(private readonly dir: string) {
    this.observer.observe({ entryTypes: ["gc"] });
  }

  /** The pump hands a message that arrived at `received` to the handler. */
  begin(doc: string, received: number): void {
    this.current = { doc, received, handled: performance.now(), staged: 0, commitStarted: 0, committed: 0, sent: 0, readers: 0 };
  }

  /** The handler returned (or went async: what it stages later is not attributed). */
  end(): void {
    this.current = null;
  }

  /** The current message's update was staged; returns its record to complete later. */
  staged(): UpdateStages | null {
    const record = this.current;
    if (!record || this.updates.length >= MAX_RECORDS) return null;
    record.staged = performance.now();
    this.updates.push(record);
    this.current = null;
    return record;
  }

  commit(start: number, end: number, rows: number, before: readonly [number, number], after: readonly [number, number]): void {
    if (this.commits.length < MAX_RECORDS) this.commits.push({ start, end, rows, slept: after[0] - before[0], preempted: after[1] - before[1] });
  }

  /** The main thread's [voluntary, involuntary] context switches so far ([0, 0] without /proc). */
  switches(): [number, number] {
    try {
      const status = readFileSync(`/proc/self/task/${process.pid}/status`, "utf8");
      const count = (name: string) => Number(new RegExp(`^${name}:\\s*(\\d+)`, "m").exec(status)?.[1] ?? 0);
      return [count("voluntary_ctxt_switches"), count("nonvoluntary_ctxt_switches")];
    } catch {
      return [0, 0];
    }
  }

  /** A turn's records are on disk (`committed`) and were written to `readers` sockets now. */
  delivered(records: readonly (UpdateStages | null)[], committed: number, readers: number): void {
    const sent = performance.now();
    for (const record of records) {
      if (!record) continue;
      record.commitStarted = this.commitStarted;
      record.committed = committed;
      record.sent = sent;
      record.readers = readers;
    }
  }

  write(): void {
    mkdirSync(this.dir, { recursive: true });
    const body = { pid: process.pid, timeOrigin: performance.timeOrigin, updates: this.updates, gcs: this.gcs, commits: this.commits };
    writeFileSync(join(this.dir, `stage-trace-${process.pid}.json`), JSON.stringify(body));
  }
}

const dir = process.env.QUIRE_STAGE_TRACE_DIR;

/** The relay's trace, or null when not benchmarking. */
export const stageTrace: StageTrace | null = dir ? new StageTrace(dir) : null;

if (stageTrace) process.on("exit", () => stageTrace.write());
