/**
 * @module RelayDocumentStore
 * The SQLite adapter (@quire/storage-sqlite `DocumentStore`) wired to the relay: commit
 * listener failures go to the relay's JSON-lines log, and `compact()` merges with the relay's
 * checked rebuild (sync/update-check.ts) — the package cannot import the app, so both are
 * injected here. Everything else is the adapter unchanged (with the benchmark's stage trace on,
 * each group commit is timed: sync/stage-trace.ts).
 */
import { type Db, DocumentStore, type StorageUsage } from "@quire/storage-sqlite";
import { log } from "../log.ts";
import { stageTrace } from "../sync/stage-trace.ts";
import { rebuildState } from "../sync/update-check.ts";

export class RelayDocumentStore extends DocumentStore {
  constructor(db: Db, usage?: StorageUsage) {
    super(db, usage, { logger: log, merge: rebuildState });
  }

  override flush(): void {
    if (!stageTrace || !this.hasStaged) {
      super.flush();
      return;
    }
    const rows = this.stagedCount;
    const before = stageTrace.switches();
    const started = performance.now();
    stageTrace.commitStarted = started;
    super.flush();
    const ended = performance.now();
    stageTrace.commit(started, ended, rows, before, stageTrace.switches());
  }
}
