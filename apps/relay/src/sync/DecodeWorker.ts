/**
 * @module DecodeWorker
 * One worker thread that decodes under a time budget. Jobs run one at a time; a job that
 * exceeds the budget terminates the worker (the only way to stop a hung decoder) and fails
 * with a timeout; the next job starts a fresh worker.
 */
import { Worker } from "node:worker_threads";
import type { CheckpointResult, CompactionResult } from "@quire/storage-sqlite";
import type { DecodeRequest, DecodeResponse } from "./decode-messages.ts";
import { type FormatMarkLimits, NO_MARK_LIMITS, StoredDataError, type UpdateCheck } from "./update-check.ts";

type Job = { request: DecodeRequest; budgetMs: number; resolve: (r: DecodeResponse) => void; reject: (e: Error) => void };

export class DecodeTimeoutError extends Error {}

/** A trial's check and timings (see decode-messages.ts). */
export interface TrialResult {
  check: UpdateCheck;
  baselineMs: number;
  integrateMs: number | null;
}

export class DecodeWorker {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;
  private readonly online = new WeakSet<Worker>();

  constructor(
    private readonly workerUrl: URL,
    private readonly budgetMs: number,
  ) {}

  /** Fully decodes an untrusted update; rejects with DecodeTimeoutError past the budget. */
  async check(update: Uint8Array, budgetMs = this.budgetMs, marks: FormatMarkLimits = NO_MARK_LIMITS): Promise<UpdateCheck> {
    const response = await this.run({ id: this.nextId++, kind: "check", update, marks }, budgetMs);
    if (response.kind !== "check") throw new Error("decode worker answered the wrong job");
    return response.result;
  }

  /**
   * Checks an untrusted update, then times its integration into `state` (a copy of the live
   * doc's state); rejects with DecodeTimeoutError past `budgetMs`.
   */
  async trial(update: Uint8Array, state: Uint8Array, budgetMs: number, marks: FormatMarkLimits): Promise<TrialResult> {
    const response = await this.run({ id: this.nextId++, kind: "trial", update, marks, state }, budgetMs);
    if (response.kind !== "trial") throw new Error("decode worker answered the wrong job");
    return { check: response.result, baselineMs: response.baselineMs, integrateMs: response.integrateMs };
  }

  /** Rebuilds a doc from stored rows (see rebuildState); rejects on a bad row or past `budgetMs`. */
  async merge(updates: Uint8Array[], budgetMs = this.budgetMs): Promise<Uint8Array> {
    const response = await this.run({ id: this.nextId++, kind: "merge", updates }, budgetMs);
    if (response.kind !== "merge") throw new Error("decode worker answered the wrong job");
    if (!response.ok) throw new StoredDataError(response.reason);
    return response.merged;
  }

  /**
   * Compacts `doc` in database `file` through the worker's own connection (see
   * MaintenanceConnection); rejects on a bad row (StoredDataError), an SQLite error or past
   * `budgetMs` (the worker is terminated: an open transaction rolls back).
   */
  async compactStored(file: string, doc: string, budgetMs = this.budgetMs): Promise<CompactionResult> {
    const response = await this.run({ id: this.nextId++, kind: "compact", file, doc }, budgetMs);
    if (response.kind !== "compact") throw new Error("decode worker answered the wrong job");
    if (!response.ok) throw response.badData ? new StoredDataError(response.reason) : new Error(response.reason);
    return response.result;
  }

  /** Gives database `file`'s free pages back in slices, then checkpoints; resolves with the pages released. */
  async vacuum(file: string, budgetMs = this.budgetMs): Promise<number> {
    const response = await this.run({ id: this.nextId++, kind: "vacuum", file }, budgetMs);
    if (response.kind !== "vacuum") throw new Error("decode worker answered the wrong job");
    if (!response.ok) throw new Error(response.reason);
    return response.releasedPages;
  }

  /** A PASSIVE WAL checkpoint of database `file` from the worker's own connection. */
  async checkpoint(file: string, budgetMs = this.budgetMs): Promise<CheckpointResult> {
    const response = await this.run({ id: this.nextId++, kind: "checkpoint", file }, budgetMs);
    if (response.kind !== "checkpoint") throw new Error("decode worker answered the wrong job");
    if (!response.ok) throw new Error(response.reason);
    return response.result;
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    this.finish(null);
    running?.reject(new Error("relay shutting down"));
    for (const job of this.queue.splice(0)) job.reject(new Error("relay shutting down"));
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }

  private run(request: DecodeRequest, budgetMs = this.budgetMs): Promise<DecodeResponse> {
    if (this.closed) return Promise.reject(new Error("relay shutting down"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, budgetMs, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0 || this.closed) return;
    const job = this.queue.shift() as Job;
    this.running = job;
    const worker = this.ensureWorker();
    // The budget covers decoding, not booting a fresh worker (which a busy machine may take
    // hundreds of ms to do): the clock starts once the worker is online.
    const startClock = () => {
      if (this.running !== job) return;
      this.timer = setTimeout(() => {
        this.finish(null);
        void worker.terminate();
        if (this.worker === worker) this.worker = null;
        job.reject(new DecodeTimeoutError(`decoding took longer than ${job.budgetMs} ms`));
      }, job.budgetMs);
    };
    if (this.online.has(worker)) startClock();
    else worker.once("online", startClock);
    worker.postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl);
    worker.unref();
    worker.once("online", () => this.online.add(worker));
    worker.on("message", (response: DecodeResponse) => {
      const job = this.running;
      if (!job || job.request.id !== response.id) return;
      this.finish(job);
      job.resolve(response);
    });
    worker.on("error", (error) => {
      const job = this.running;
      if (this.worker === worker) this.worker = null;
      if (job) {
        this.finish(job);
        job.reject(error);
      }
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private finish(_job: Job | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
    queueMicrotask(() => this.pump());
  }
}
