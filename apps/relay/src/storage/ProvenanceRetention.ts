/**
 * @module ProvenanceRetention
 * The retention setting of docs/privacy.md at work: at startup and then once a day, every
 * doc's provenance records older than `PROVENANCE_RETENTION_DAYS` are coarsened to one record
 * per member per session (@quire/storage-sqlite `DocumentStore.coarsenProvenance`).
 *
 * Off the hot path: one doc per event-loop turn (a doc's pass is one short transaction: decode
 * its chunks, merge, rewrite only if something merged), so live updates interleave with it; the
 * first pass starts a minute after startup, when the rooms of a restart have reloaded.
 */
import type { DocumentStore } from "@quire/storage-sqlite";
import { log } from "../log.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Delay of the first pass after startup: reconnecting classes come first. */
export const FIRST_RETENTION_PASS_MS = 60_000;

export class ProvenanceRetention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly documents: Pick<DocumentStore, "coarsenProvenance" | "provenanceDocs">,
    private readonly retentionDays: number,
    private readonly now: () => number = Date.now,
    /** Told after a doc's records were rewritten (the history cache drops its index of it). */
    private readonly onCoarsened: (doc: string) => void = () => {},
  ) {}

  /** Schedules the first pass and the daily ones (nothing when retention is 0: keep for ever). */
  start(firstAfterMs = FIRST_RETENTION_PASS_MS): void {
    if (this.retentionDays <= 0) return;
    const tick = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.runOnce().finally(() => {
          if (!this.stopped) tick(DAY_MS);
        });
      }, delay);
      this.timer.unref();
    };
    tick(firstAfterMs);
  }

  /** One pass over every doc; resolves with how many records it merged away. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops scheduling and waits for a pass in progress (it stops after its current doc). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  private async pass(): Promise<number> {
    if (this.retentionDays <= 0) return 0;
    const cutoff = this.now() - this.retentionDays * DAY_MS;
    let removed = 0;
    for (const doc of this.documents.provenanceDocs()) {
      if (this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const merged = this.documents.coarsenProvenance(doc, cutoff);
        if (merged > 0) this.onCoarsened(doc);
        removed += merged;
      } catch (error) {
        // A doc whose provenance cannot be read is left as it is; history reports it when asked.
        log.warn("provenance retention skipped a doc", { doc, error: String(error) });
      }
    }
    if (removed > 0) log.info("provenance retention coarsened old records", { removed, cutoff });
    return removed;
  }
}
