/**
 * @module VersionListCache
 * A doc's versions list (version-list.ts), kept while nothing it depends on changed. Building
 * it reads every provenance record (B4 through the relay: ~850 records, ~90k ranges, copied
 * out of the decoded-chunk cache) and walks them against every checkpoint, on the event loop,
 * for every list and every version view (a view finds its version in the list). A history
 * panel asks for the list again and again while the doc does not change.
 *
 * Invariants:
 * - Never stale: each use reads what the list depends on — the newest provenance record (one
 *   indexed read of the newest chunk), the checkpoint heads, the people's versions (few rows)
 *   — and rebuilds when any differs. A record that grew (coalescing) keeps its user, seq and
 *   place, so it does not change the list.
 * - `forget` drops a doc whose old records were rewritten (retention keeps the newest one).
 */
import type { ProvenanceRecord } from "@quire/core";
import type { StoragePort } from "@quire/storage";
import { type VersionEntry, versionList } from "./version-list.ts";

/**
 * Docs whose list is kept. A list is small (a few hundred entries; a checkpoint's snapshot is
 * read only when that version is viewed); a teacher goes through a class's reports in turn.
 */
export const VERSION_LIST_CACHE_DOCS = 64;

interface Entry {
  key: string;
  newestSeq: number;
  list: VersionEntry[];
}

export class VersionListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: StoragePort,
    private readonly maxDocs = VERSION_LIST_CACHE_DOCS,
  ) {}

  /** `doc`'s versions, oldest first; the same array while nothing changed. */
  async get(doc: string): Promise<VersionEntry[]> {
    const { store } = this;
    const [checkpoints, stored] = await Promise.all([store.checkpoints(doc), store.versions(doc)]);
    const last = checkpoints[checkpoints.length - 1];
    const heads = `${checkpoints.length}:${last?.seq ?? 0}:${last?.at ?? 0}|${stored.map((v) => `${v.id}:${v.seq}:${v.at}:${v.name}`).join(",")}`;
    const cached = this.entries.get(doc);
    if (cached && cached.key === heads && (await this.newestIs(doc, cached.newestSeq))) {
      this.entries.delete(doc); // most recently used last
      this.entries.set(doc, cached);
      return cached.list;
    }
    const records = await store.provenance(doc);
    const list = versionList(checkpoints, stored, records);
    const newestSeq = records[records.length - 1]?.seq ?? 0;
    this.entries.delete(doc);
    while (this.entries.size >= this.maxDocs) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(doc, { key: heads, newestSeq, list });
    return list;
  }

  forget(doc: string): void {
    this.entries.delete(doc);
  }

  /** Whether `doc`'s newest record is still `seq` (0: it has none). */
  private async newestIs(doc: string, seq: number): Promise<boolean> {
    const newest: ProvenanceRecord[] = await this.store.provenance(doc, { afterSeq: Math.max(0, seq - 1) });
    if (seq === 0) return newest.length === 0;
    return newest.length === 1 && newest[0]?.seq === seq;
  }
}
