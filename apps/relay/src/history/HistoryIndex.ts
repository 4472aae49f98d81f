/**
 * @module HistoryIndex
 * The relay's questions to a doc's history index (a version's update, contributions), asked of
 * the history worker, which builds and keeps the index (HistoryCache) from the database
 * through a read-only connection of its own. Built on the event loop, indexing a long doc
 * (B4: 0.3–0.6 s, more on a loaded box) stalled every socket of the relay once per teacher who
 * opened its history; in the worker the event loop only posts a message and receives bytes.
 *
 * Invariants:
 * - Answers are never stale: the worker compares the doc's newest record with the one its
 *   index was built from on every question (HistoryCache), reading what the relay committed.
 *   What a client saw is committed (persist before broadcast), so it is in the answer.
 * - Jobs run one at a time in their own worker (PlanWorker), apart from restore plans.
 */
import type { Contribution } from "@quire/history";
import { log } from "../log.ts";
import type { HistoryCacheLimits } from "./HistoryCache.ts";
import type { PlanWorker } from "./PlanWorker.ts";

/**
 * Questions that may wait for the index worker; more answer 503. Each is a message of a few
 * KB (a checkpoint's snapshot at most); a panel asks a handful at a time (list, a view, a
 * compare's two versions, contributions), so 64 is a class of teachers, not a flood.
 */
export const MAX_QUEUED_INDEX_JOBS = 64;

export class HistoryIndex {
  /** Per doc, how many times retention rewrote it (docs retention never touched: absent). */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly worker: PlanWorker,
    /** The relay's data dir: the worker reads its database. */
    private readonly dataDir: string,
    private readonly limits: HistoryCacheLimits,
  ) {}

  /** The Yjs update (v1) of `doc` as of a version (its record seq, time and snapshot). */
  async versionUpdate(doc: string, version: { seq: number; at: number; snapshot: Uint8Array }): Promise<Uint8Array> {
    const answer = await this.worker.run({ kind: "version", ...this.target(doc), version });
    if (!answer.ok) throw new Error(`history worker: ${answer.reason}`);
    return answer.update;
  }

  async contributions(doc: string): Promise<Contribution[]> {
    const answer = await this.worker.run({ kind: "contributions", ...this.target(doc) });
    if (!answer.ok) throw new Error(`history worker: ${answer.reason}`);
    return answer.rows;
  }

  /**
   * Builds `doc`'s index in the background if it is missing or stale: someone who lists
   * versions views one next. Nobody waits for it; a failure is only logged.
   */
  warm(doc: string): void {
    this.worker.run({ kind: "warm", ...this.target(doc) }).then(
      (answer) => {
        if (!answer.ok) log.warn("history index warm-up failed", { doc, reason: answer.reason });
      },
      (error: Error) => log.warn("history index warm-up failed", { doc, error: error.message }),
    );
  }

  /**
   * Retention rewrote `doc`'s old records (its newest one stays, so the worker cannot see the
   * change): the next question rebuilds the index. A counter travels with every question
   * rather than a message of its own, which a full queue could refuse.
   */
  forget(doc: string): void {
    this.generations.set(doc, (this.generations.get(doc) ?? 0) + 1);
  }

  private target(doc: string) {
    return { dataDir: this.dataDir, doc, generation: this.generations.get(doc) ?? 0, limits: this.limits };
  }
}
