/**
 * @module HistoryCache
 * One DocHistory per recently asked doc (issue 12, item 4): indexing a long doc takes up to a
 * second (B4: 0.25–0.75 s), far longer than any question after it, so the index is kept and
 * reused while the doc's provenance has not changed, in a bounded LRU. The relay keeps it in
 * its history worker (history-worker.ts, reading through a read-only connection of its own):
 * built on the event loop, one long doc stalled every socket of the relay for that time.
 *
 * Invariants:
 * - An entry is never served stale: each use compares the doc's newest provenance record with
 *   the one the entry was built from (one indexed SQLite read) and rebuilds when it changed.
 * - Rebuilds are debounced: at most one per doc per `rebuildDebounceMs`; a question arriving
 *   sooner waits for the end of that window (the answer then includes every edit so far).
 *   Concurrent questions share one build.
 * - The doc is rebuilt from the stored rows (not the live room's doc), read with the records
 *   as of one moment (HistorySource.read: one read transaction in the worker), so every struct
 *   indexed has its record and every record's structs are in the doc.
 */
import type { ProvenanceRecord } from "@quire/core";
import { createQuireDoc } from "@quire/core";
import { type Author, DocHistory } from "@quire/history";
import type { ProvenanceQuery, StoragePort } from "@quire/storage";
import type { ClientIdStore } from "@quire/storage-sqlite";
import * as Y from "yjs";

/** Where the cache reads a doc's history: the relay's store, or the worker's own connection. */
export interface HistorySource {
  /** The doc's stored rows, its records and its client-id owners, as of one moment. */
  read(doc: string): Promise<HistoryRead> | HistoryRead;
  /** Records after `query.afterSeq` (the freshness check reads only the newest). */
  provenance(doc: string, query?: ProvenanceQuery): Promise<ProvenanceRecord[]> | ProvenanceRecord[];
}

export interface HistoryRead {
  rows: Uint8Array[];
  records: ProvenanceRecord[];
  /** Yjs client id → the user it is bound to. */
  owners: Map<number, string>;
}

/** The relay's own store as a source (tests; tools in the relay's process). */
export function storeSource(store: StoragePort, clientIds: ClientIdStore): HistorySource {
  return {
    // Nothing commits between these reads: the store writes on the event loop, which this holds.
    read: async (doc) => {
      const rows = (await store.load(doc)).updates;
      return { rows, records: await store.provenance(doc), owners: clientIds.owners(doc) };
    },
    provenance: (doc, query) => store.provenance(doc, query),
  };
}

/** Who each client id of a doc is bound to, with the name they last sent under. */
export function authorBindings(owners: ReadonlyMap<number, string>, records: readonly ProvenanceRecord[]): Map<number, Author> {
  const names = new Map<string, string>();
  for (const r of records) names.set(r.userId, r.name);
  const bindings = new Map<number, Author>();
  for (const [client, userId] of owners) bindings.set(client, { userId, name: names.get(userId) ?? userId });
  return bindings;
}

export interface HistoryCacheLimits {
  /** Docs whose index is kept (HISTORY_CACHE_DOCS). */
  historyCacheDocs: number;
  /** Least time between two rebuilds of one doc's index (HISTORY_REBUILD_DEBOUNCE_MS). */
  historyRebuildDebounceMs: number;
}

interface Entry {
  history: DocHistory;
  /** The newest record it was built from (seq and how many updates it held then). */
  newestSeq: number;
  newestUpdates: number;
  builtAt: number;
}

export class HistoryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<DocHistory>>();

  constructor(
    private readonly source: HistorySource,
    private readonly limits: HistoryCacheLimits,
  ) {}

  /** The doc's history index, up to date with everything stored. */
  async get(doc: string): Promise<DocHistory> {
    const pending = this.building.get(doc);
    if (pending) return pending;
    const entry = this.entries.get(doc);
    if (entry && (await this.isCurrent(doc, entry))) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(doc);
      this.entries.set(doc, entry);
      return entry.history;
    }
    const again = this.building.get(doc);
    if (again) return again;
    const wait = entry ? entry.builtAt + this.limits.historyRebuildDebounceMs - Date.now() : 0;
    const build = (async () => {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return this.build(doc);
    })().finally(() => this.building.delete(doc));
    this.building.set(doc, build);
    return build;
  }

  /** Forgets `doc`'s entry (tests; a doc that was removed). */
  forget(doc: string): void {
    this.entries.delete(doc);
  }

  private async isCurrent(doc: string, entry: Entry): Promise<boolean> {
    const newest = await this.source.provenance(doc, { afterSeq: Math.max(0, entry.newestSeq - 1) });
    if (entry.newestSeq === 0) return newest.length === 0;
    return newest.length === 1 && newest[0]?.seq === entry.newestSeq && newest[0].updates === entry.newestUpdates;
  }

  private async build(doc: string): Promise<DocHistory> {
    const { rows, records, owners } = await this.source.read(doc);
    const ydoc = createQuireDoc();
    Y.transact(ydoc, () => {
      for (const row of rows) Y.applyUpdate(ydoc, row);
    });
    const history = new DocHistory(ydoc, records, authorBindings(owners, records));
    const newest = records[records.length - 1];
    // Evicted indexes are dropped, not destroyed: a request that got one a moment ago may
    // still be reading it (the garbage collector frees it once nobody does).
    this.entries.delete(doc);
    while (this.entries.size >= this.limits.historyCacheDocs) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(doc, { history, newestSeq: newest?.seq ?? 0, newestUpdates: newest?.updates ?? 0, builtAt: Date.now() });
    return history;
  }
}
