/**
 * @module UpdateCoalescer
 * Collects Yjs updates and hands them on as one merged update: at the end of the current task
 * (setTimeout 0), or — while the previous write is still in flight — as soon as that write
 * finishes, or at once on `drain()`. So at most one write waits on another, however fast the
 * updates come.
 *
 * Why: one IndexedDB transaction per update left hundreds of transactions queued during a
 * burst; when the tab closed, Chromium dropped the queued ones even after pagehide asked them
 * to commit (bench/FINDINGS.md F7: ~490 of 500 burst keystrokes lost). Merging per task alone
 * still lost ~300 of 500 when each keystroke was its own task (a transaction per task, queued
 * faster than they commit); holding updates back while a write is in flight bounds the queue.
 * What is still waiting here is written synchronously by `drain()` on pagehide / hidden.
 */
import * as Y from "yjs";

/**
 * Writes one merged update; returns a promise that settles once that write has finished
 * (committed or failed, never rejecting), or null if no write could be issued.
 */
export type UpdateSink = (update: Uint8Array) => Promise<void> | null;

export class UpdateCoalescer {
  private queued: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The last write handed on that has not finished yet: new updates wait for it. */
  private inFlight: Promise<void> | null = null;

  constructor(private readonly sink: UpdateSink) {}

  /** Updates waiting to be handed on. */
  get size(): number {
    return this.queued.length;
  }

  add(update: Uint8Array): void {
    this.queued.push(update);
    if (this.inFlight === null) this.timer ??= setTimeout(() => this.drain(), 0);
  }

  /** Hands on everything queued now (one merged update), if anything is, in flight or not. */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued.length === 0) return;
    const updates = this.queued;
    this.queued = [];
    const written = this.sink(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    if (!written) return;
    this.inFlight = written;
    void written.then(() => {
      if (this.inFlight !== written) return; // a later write is in flight; it drains when done
      this.inFlight = null;
      this.drain();
    });
  }

  /** Drops what is queued (the store is gone or can no longer write). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queued = [];
  }
}
