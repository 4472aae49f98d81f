/**
 * @module SyncQueue
 * A first-in first-out work queue with a fixed number of jobs running at once, a time limit per
 * job, and retries with exponential backoff. Background sync runs one job per document through
 * it, so a workspace of 300 docs holds at most `concurrency` sockets at any moment.
 */

export interface SyncQueueOptions<K> {
  /** Jobs running at once. */
  concurrency: number;
  /** The job. Rejects (or times out) → retried later. The signal aborts on timeout or destroy. */
  run: (key: K, signal: AbortSignal) => Promise<void>;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export class SyncQueue<K> {
  private readonly queue: K[] = [];
  private readonly running = new Map<K, AbortController>();
  /** Keys added again while running: they run once more after the current run. */
  private readonly rerun = new Set<K>();
  private readonly retryTimers = new Map<K, ReturnType<typeof setTimeout>>();
  private readonly failures = new Map<K, number>();
  private readonly listeners = new Set<() => void>();
  private paused = false;
  private destroyed = false;
  /** Completed runs, for tests and diagnostics. */
  readonly completed: K[] = [];

  constructor(private readonly options: SyncQueueOptions<K>) {
    if (!(options.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
  }

  /** Queues `key` (at the end) unless it is already queued; a waiting retry runs now instead. */
  add(key: K): void {
    if (this.destroyed) return;
    if (this.running.has(key)) {
      this.rerun.add(key);
      return;
    }
    const timer = this.retryTimers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.retryTimers.delete(key);
    } else if (this.queue.includes(key)) {
      return;
    }
    this.queue.push(key);
    this.changed();
    this.pump();
  }

  addAll(keys: Iterable<K>): void {
    for (const key of keys) this.add(key);
  }

  /** Stops starting jobs (running ones finish). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Jobs not finished: queued, running, or waiting to retry. */
  pending(): number {
    return this.queue.length + this.running.size + this.retryTimers.size;
  }

  /** Jobs running now. */
  active(): number {
    return this.running.size;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.queue.length = 0;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    for (const controller of this.running.values()) controller.abort(new Error("sync queue destroyed"));
    this.listeners.clear();
  }

  private pump(): void {
    while (!this.paused && !this.destroyed && this.running.size < this.options.concurrency && this.queue.length > 0) {
      const key = this.queue.shift() as K;
      void this.runOne(key);
    }
  }

  private async runOne(key: K): Promise<void> {
    const controller = new AbortController();
    this.running.set(key, controller);
    this.changed();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    let ok = false;
    try {
      await Promise.race([
        this.options.run(key, controller.signal),
        new Promise<never>((_, reject) => {
          controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
        }),
      ]);
      ok = true;
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
      controller.abort(); // Lets the job release what it holds if it is still going.
      this.running.delete(key);
    }
    if (this.destroyed) return;
    if (ok) {
      this.failures.delete(key);
      this.completed.push(key);
      if (this.completed.length > 1_000) this.completed.splice(0, 500);
    }
    if (this.rerun.delete(key)) {
      this.queue.push(key);
    } else if (!ok) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      const delay = Math.min(this.options.retryBaseMs * 2 ** (failures - 1), this.options.retryMaxMs);
      this.retryTimers.set(
        key,
        setTimeout(() => {
          this.retryTimers.delete(key);
          this.add(key);
        }, delay),
      );
    }
    this.changed();
    this.pump();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
