/**
 * @module UpdateCoalescer
 * Collects Yjs updates that arrive close together and hands them on as one merged update,
 * at the end of the current task (setTimeout 0) or at once on `drain()`.
 *
 * Why: one IndexedDB transaction per keystroke left hundreds of transactions queued during a
 * burst; when the tab closed, Chromium dropped the queued ones even after pagehide asked
 * them to commit (bench/FINDINGS.md F7: ~490 of 500 burst keystrokes lost). A burst now
 * becomes a few transactions, and what is still waiting here is written synchronously by
 * `drain()` on pagehide / visibilitychange.
 */
import * as Y from "yjs";

export class UpdateCoalescer {
  private queued: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly sink: (update: Uint8Array) => void) {}

  /** Updates waiting to be handed on. */
  get size(): number {
    return this.queued.length;
  }

  add(update: Uint8Array): void {
    this.queued.push(update);
    this.timer ??= setTimeout(() => this.drain(), 0);
  }

  /** Hands on everything queued now (one merged update), if anything is. */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued.length === 0) return;
    const updates = this.queued;
    this.queued = [];
    this.sink(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
  }

  /** Drops what is queued (the store is gone or can no longer write). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queued = [];
  }
}
