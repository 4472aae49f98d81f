/**
 * @module RelayDocumentStore
 * The SQLite adapter (@quire/storage-sqlite `DocumentStore`) wired to the relay: commit
 * listener failures go to the relay's JSON-lines log, `compact()` merges with the relay's
 * checked rebuild (sync/update-check.ts) — the package cannot import the app, so both are
 * injected here — and a doc of several rows is read by a worker (`readInWorker`), not on the
 * event loop: reading and checksumming 500 rows took ~30 ms of main thread (issue 17,
 * bench/FINDINGS.md F9). One row (every compacted doc) is read here: one indexed read, and
 * no queueing behind the worker's other jobs for the common cold join.
 */
import type { StoredUpdates } from "@quire/storage";
import { type Db, DocumentStore, type StorageUsage } from "@quire/storage-sqlite";
import { log } from "../log.ts";
import { rebuildState } from "../sync/update-check.ts";

/** Reads a doc's rows off the main thread (the decode worker's own connection). */
export type StoredReader = (doc: string) => Promise<StoredUpdates>;

export class RelayDocumentStore extends DocumentStore {
  constructor(
    db: Db,
    usage?: StorageUsage,
    private readonly readInWorker?: StoredReader,
  ) {
    super(db, usage, { logger: log, merge: rebuildState });
  }

  /** As DocumentStore.load (staged rows are written first), through the worker for several rows. */
  override async load(doc: string): Promise<StoredUpdates> {
    if (!this.readInWorker || this.count(doc) <= 1) return super.load(doc);
    return this.readInWorker(doc);
  }
}
