/**
 * @module PlanWorker
 * The relay's side of the history worker: one worker thread, one job at a time (restores are
 * rare; queueing keeps two multi-second plans from sharing two cores with every socket). A job
 * past its budget terminates the worker and fails; the next job starts a fresh worker. The
 * relay runs two: one for restore plans, one for its history index (HistoryIndex), so a
 * teacher's version view does not wait seconds behind someone's restore.
 */
import { Worker } from "node:worker_threads";
import type { HistoryRequest, HistoryResponse, Unnumbered } from "./plan-messages.ts";

type Job = { request: HistoryRequest; resolve: (r: HistoryResponse) => void; reject: (e: Error) => void };

/** The response a request of kind `K` gets. */
export type ResponseTo<K extends HistoryRequest["kind"]> = Extract<HistoryResponse, { kind: K }> | Extract<HistoryResponse, { kind: HistoryRequest["kind"]; ok: false }>;

export class PlanTimeoutError extends Error {}
/** Too many plans are waiting already. */
export class PlanQueueFullError extends Error {}

export class PlanWorker {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly workerUrl: URL,
    /** Longest a plan may take (HISTORY_PLAN_BUDGET_MS). */
    private readonly budgetMs: number,
    /** Plans that may wait behind the running one (HISTORY_MAX_QUEUED_PLANS). */
    private readonly maxQueued: number,
  ) {}

  /** Runs a job; rejects with PlanTimeoutError past the budget. */
  run<R extends Unnumbered<HistoryRequest>>(request: R): Promise<ResponseTo<R["kind"]>> {
    if (this.closed) return Promise.reject(new Error("relay shutting down"));
    if (this.queue.length >= this.maxQueued) return Promise.reject(new PlanQueueFullError("too many history requests are being computed right now; try again in a minute"));
    return new Promise((resolve, reject) => {
      const numbered = { ...request, id: this.nextId++ } as HistoryRequest;
      this.queue.push({ request: numbered, resolve: (r) => resolve(r as ResponseTo<R["kind"]>), reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.running?.reject(new Error("relay shutting down"));
    for (const job of this.queue.splice(0)) job.reject(new Error("relay shutting down"));
    this.finish();
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0 || this.closed) return;
    const job = this.queue.shift() as Job;
    this.running = job;
    const worker = this.ensureWorker();
    this.timer = setTimeout(() => {
      this.finish();
      void worker.terminate();
      if (this.worker === worker) this.worker = null;
      job.reject(new PlanTimeoutError(`the history worker's job took longer than ${this.budgetMs} ms`));
    }, this.budgetMs);
    worker.postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl);
    worker.unref();
    worker.on("message", (response: HistoryResponse) => {
      const job = this.running;
      if (!job || job.request.id !== response.id) return;
      this.finish();
      job.resolve(response);
    });
    worker.on("error", (error) => {
      const job = this.running;
      if (this.worker === worker) this.worker = null;
      if (job) {
        this.finish();
        job.reject(error);
      }
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
    queueMicrotask(() => this.pump());
  }
}
