/**
 * @module RelayDocumentStore
 * The SQLite adapter (@quire/storage-sqlite `DocumentStore`) wired to the relay: commit
 * listener failures go to the relay's JSON-lines log, and `compact()` merges with the relay's
 * checked rebuild (sync/update-check.ts) — the package cannot import the app, so both are
 * injected here. Everything else is the adapter unchanged.
 */
import { type Db, DocumentStore, type StorageUsage } from "@quire/storage-sqlite";
import { log } from "../log.ts";
import { rebuildState } from "../sync/update-check.ts";

export class RelayDocumentStore extends DocumentStore {
  constructor(db: Db, usage?: StorageUsage) {
    super(db, usage, { logger: log, merge: rebuildState });
  }
}
