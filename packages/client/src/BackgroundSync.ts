/**
 * @module BackgroundSync
 * A {@link WorkspaceSession}'s background sync: keeps EVERY document of the index on the device,
 * so after one online visit the whole workspace opens offline. It walks the docs through a
 * {@link SyncQueue} with a few sockets at once (load from device, connect, wait until synced and
 * acked, close, next): again on every reconnect (except docs provably unchanged since their last
 * sync: {@link SyncedDocs}), whenever an index entry changes, and when an editor closes a doc.
 *
 * Invariants:
 * - A doc the editor has open is skipped: its own connection keeps it synced.
 * - In a class (issue 13) only documents the relay lets her read get a socket (an undecided one
 *   waits for the relay's answer; {@link DocumentAccess}); once she was removed, none.
 * - "Last edited" is written at most every TOUCH_INTERVAL_MS per person, so edits made just
 *   after a touch do not change the index: a recent touch gets one more, trailing sync after
 *   that interval (+ TRAILING_SYNC_MARGIN_MS).
 * - Nothing is queued once destroyed; destroying closes every background replica.
 */
import type { DocReplica } from "./DocReplica.ts";
import type { DocumentAccess } from "./DocumentAccess.ts";
import { SyncedDocs } from "./SyncedDocs.ts";
import { SyncQueue } from "./SyncQueue.ts";
import { TOUCH_INTERVAL_MS, type WorkspaceIndex } from "./WorkspaceIndex.ts";
import { WEB_LIMITS } from "./web-limits.ts";

/** Slack after the touch interval before the trailing background sync of a changed doc. */
const TRAILING_SYNC_MARGIN_MS = 2_000;

export interface BackgroundSyncDeps {
  index: WorkspaceIndex;
  access: DocumentAccess;
  /** Sockets at once (default {@link WEB_LIMITS.backgroundSyncConcurrency}). */
  concurrency?: number;
  /** The editor has `docId` open. */
  isOpen(docId: string): boolean;
  /** A started, short-lived replica of `docId`: no presence, no keep-alive, off the tabs' channel. */
  replica(docId: string): DocReplica;
}

export class BackgroundSync {
  private readonly queue: SyncQueue<string>;
  private readonly replicas = new Set<DocReplica>();
  private readonly lastSynced = new Map<string, number>();
  /** Docs a reconnect need not sync again (see SyncedDocs). */
  private readonly syncedDocs = new SyncedDocs(TRAILING_SYNC_MARGIN_MS, WEB_LIMITS.fullResyncIntervalMs);
  private readonly trailing = new Map<string, ReturnType<typeof setTimeout>>();
  private destroyed = false;

  constructor(private readonly deps: BackgroundSyncDeps) {
    this.queue = new SyncQueue<string>({
      concurrency: deps.concurrency ?? WEB_LIMITS.backgroundSyncConcurrency,
      timeoutMs: WEB_LIMITS.backgroundJobTimeoutMs,
      retryBaseMs: WEB_LIMITS.backgroundRetryBaseMs,
      retryMaxMs: WEB_LIMITS.backgroundRetryMaxMs,
      run: (docId, signal) => this.sync(docId, signal),
    });
    this.queue.pause(); // Until the index is online: offline jobs would only fail and back off.
  }

  /** Docs waiting or syncing. */
  pending(): number {
    return this.queue.pending();
  }

  subscribe(listener: () => void): () => void {
    return this.queue.subscribe(listener);
  }

  /** Queues `docId` (synced once online). */
  add(docId: string): void {
    if (!this.destroyed) this.queue.add(docId);
  }

  /** Something on this device may change `docId`: a reconnect must not skip it. */
  touched(docId: string): void {
    this.syncedDocs.touched(docId);
  }

  /** The index went offline: jobs would only fail and back off. */
  pause(): void {
    this.queue.pause();
  }

  /** The index is online: catch up on everything others wrote meanwhile (every doc that may have changed). */
  resume(): void {
    this.queue.resume();
    const index = this.deps.index;
    this.queue.addAll(this.syncedDocs.toWalk(index.ids(), (id) => index.get(id)?.updatedAt));
  }

  /** The replicas syncing now (for new tokens, reconnects, a removal). */
  inFlight(): Iterable<DocReplica> {
    return this.replicas;
  }

  /** Queues docs that are new in the index or whose entry changed (someone edited them). */
  enqueueChanged(): void {
    const index = this.deps.index;
    void this.deps.access.checkUnknown(index.ids());
    for (const id of index.ids()) {
      const entry = index.get(id);
      if (!entry) continue;
      if (this.lastSynced.get(id) !== entry.updatedAt) {
        this.lastSynced.set(id, entry.updatedAt);
        this.queue.add(id);
        // Only a recent touch can be followed by edits it does not show (clock skew between
        // devices at worst costs one extra or one missed trailing sync; reconnects re-walk all).
        if (Math.abs(Date.now() - entry.updatedAt) < TOUCH_INTERVAL_MS + TRAILING_SYNC_MARGIN_MS) this.scheduleTrailingSync(id);
      }
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.queue.destroy();
    for (const timer of this.trailing.values()) clearTimeout(timer);
    this.trailing.clear();
    for (const replica of this.replicas) void replica.close();
  }

  private scheduleTrailingSync(docId: string): void {
    const previous = this.trailing.get(docId);
    if (previous !== undefined) clearTimeout(previous);
    this.trailing.set(
      docId,
      setTimeout(() => {
        this.trailing.delete(docId);
        this.add(docId);
      }, TOUCH_INTERVAL_MS + TRAILING_SYNC_MARGIN_MS),
    );
  }

  private async sync(docId: string, signal: AbortSignal): Promise<void> {
    const { access, index, isOpen } = this.deps;
    if (isOpen(docId)) return; // The editor's own connection keeps it synced.
    // Another group's document, or one the relay has not said yet: no socket (it would be refused).
    if (access.removed || !(await access.decide(docId, index.get(docId)?.createdBy))) return;
    if (signal.aborted || isOpen(docId)) return;
    const began = this.syncedDocs.begin(docId);
    const replica = this.deps.replica(docId);
    this.replicas.add(replica);
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (replica.fullySynced()) resolve();
        };
        const unsubscribe = replica.subscribe(check);
        signal.addEventListener(
          "abort",
          () => {
            unsubscribe();
            reject(signal.reason);
          },
          { once: true },
        );
        check();
      });
      if (!isOpen(docId)) this.syncedDocs.synced(docId, began, index.get(docId)?.updatedAt);
    } finally {
      this.replicas.delete(replica);
      await replica.close();
    }
  }
}
