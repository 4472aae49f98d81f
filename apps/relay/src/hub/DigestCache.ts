/**
 * @module DigestCache
 * The hub's digests of its own documents between passes (issue 14, item 3). A pass compares
 * every document of its classes with the upstream; computing a digest reads and merges the
 * document's stored rows on the event loop, so recomputing all of them every pass (30 s)
 * costs the LAN class time for nothing when little changed. A document's digest is kept until
 * the hub commits to it (the room hook, and the Replicator after applying a pulled file).
 *
 * Invariants:
 * - A digest computed while the document was committed to is not kept (a per-document
 *   version moves on every invalidation; the entry is stored only if it did not move).
 * - Everything is dropped every `maxAgeMs`: writes no hook sees (another process on the same
 *   database, e.g. a `sync-file import`) are noticed within that time.
 */
import type { DocState } from "./doc-digest.ts";

/** Default `maxAgeMs`: a write outside the rooms is replicated within ten minutes at worst. */
export const DIGEST_CACHE_MAX_AGE_MS = 10 * 60_000;

export class DigestCache {
  private readonly entries = new Map<string, DocState>();
  private readonly versions = new Map<string, number>();
  private clearedAt: number;

  constructor(
    private readonly maxAgeMs = DIGEST_CACHE_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.clearedAt = now();
  }

  /** `doc` changed: its digest is computed anew when next asked for. */
  invalidate(doc: string): void {
    this.entries.delete(doc);
    this.versions.set(doc, (this.versions.get(doc) ?? 0) + 1);
  }

  /** The cached digest of `doc`, or `compute`'s (kept unless `doc` changed meanwhile). */
  async get(doc: string, compute: () => Promise<DocState>): Promise<DocState> {
    if (this.now() - this.clearedAt >= this.maxAgeMs) {
      this.entries.clear();
      this.clearedAt = this.now();
    }
    const hit = this.entries.get(doc);
    if (hit) return hit;
    const version = this.versions.get(doc) ?? 0;
    const state = await compute();
    if ((this.versions.get(doc) ?? 0) === version) this.entries.set(doc, state);
    return state;
  }
}
