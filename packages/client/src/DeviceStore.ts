/**
 * @module DeviceStore
 * Keeps one Yjs doc on the device in IndexedDB, in y-indexeddb's format (database = doc name,
 * object stores `updates` (autoIncrement, one Yjs update per row) and `custom`), so a database
 * written here opens with y-indexeddb's IndexeddbPersistence and vice versa.
 *
 * Why not y-indexeddb's own class: it never reports a failed write (a QuotaExceededError
 * vanishes, y-indexeddb has no error path), it grows by one row per load and trims only at 500
 * rows within a session (y-indexeddb#31), a corrupt row stops the load forever (the promise
 * rejects unobserved and `synced` never fires), and the last edits before a tab closes ride on
 * transactions nobody commits early (#28). Here:
 * - updates of one task, and those arriving while a write is in flight, are merged into one
 *   write (UpdateCoalescer); every write is its own transaction, counted until `complete`
 *   (WriteTransactions); `error`/`abort` are reported;
 * - stored rows are merged into one when there are {@link WEB_LIMITS.compactAfterRows} or more,
 *   on load and while editing, in one transaction (atomic: a crash keeps the old rows);
 * - a row that fails to decode is skipped and reported; the rest still loads;
 * - on `pagehide` / hidden, queued updates are written and every open write transaction is
 *   committed at once (`IDBTransaction.commit`).
 */
import * as Y from "yjs";
import { type DeviceErrorKind, describeDeviceError } from "./device-errors.ts";
import { flushOnHide, stopFlushOnHide } from "./flush-on-hide.ts";
import { CUSTOM, SYNC_STATE_KEY, UPDATES, openDeviceDatabase } from "./open-device-database.ts";
import { type DeviceCopy, readDeviceCopy } from "./read-device-copy.ts";
import { UpdateCoalescer } from "./UpdateCoalescer.ts";
import { WEB_LIMITS } from "./web-limits.ts";
import { WriteTransactions } from "./WriteTransactions.ts";

export { SYNC_STATE_KEY };

export interface DeviceStoreOptions {
  /** Called with the error of a failed open, load or write. */
  onError?: (error: unknown) => void;
  /** Called when loaded / pending writes / error change. */
  onChange?: () => void;
  /** Value stored under {@link SYNC_STATE_KEY} in the same transaction as each update. */
  syncState?: () => unknown;
  compactAfterRows?: number;
  /** Default the global `indexedDB`. */
  indexedDB?: IDBFactory;
  /**
   * Updates with these origins are not written: another tab of this device made them and
   * stored them in this same database (see TabChannel). Writing them again doubled every row.
   */
  storedElsewhere?: (origin: unknown) => boolean;
}

export class DeviceStore {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Resolves once stored updates are applied to the doc (or loading failed: see `error`). */
  readonly whenLoaded: Promise<void>;
  /** The stored save-tracking value read at load (untrusted: validate before use). */
  storedSyncState: unknown = undefined;
  loaded = false;
  /** What went wrong, written for the student (null: all good). */
  error: string | null = null;
  /** The underlying error (`Name: message`), for logs and tests. */
  errorDetail: string | null = null;
  private db: IDBDatabase | null = null;
  private rows = 0;
  private readonly writes = new WriteTransactions();
  private beforeLoad: Uint8Array[] = [];
  private compacting = false;
  private destroyed = false;
  /** A write failed: the device copy lacks some updates until a full-state write succeeds. */
  private missingUpdates = false;
  /** The browser closed our connection: nothing can be written until the page reopens. */
  private connectionLost = false;
  private readonly options: DeviceStoreOptions;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || this.destroyed || this.connectionLost || this.options.storedElsewhere?.(origin)) return;
    if (!this.db) {
      this.beforeLoad.push(update);
      return;
    }
    const wasEmpty = this.queue.size === 0;
    this.queue.add(update);
    if (wasEmpty) this.options.onChange?.();
  };
  private readonly queue = new UpdateCoalescer((update) => this.write(update));

  constructor(name: string, doc: Y.Doc, options: DeviceStoreOptions = {}) {
    this.name = name;
    this.doc = doc;
    this.options = options;
    // Content the doc held before we were attached must reach the device too.
    if (doc.store.clients.size > 0) this.beforeLoad.push(Y.encodeStateAsUpdate(doc));
    doc.on("update", this.onUpdate);
    flushOnHide(this);
    this.whenLoaded = this.load();
  }

  /** Writes not yet committed to IndexedDB. */
  pending(): number {
    return this.writes.size + this.beforeLoad.length + this.queue.size;
  }

  /** Writes queued updates and commits open write transactions now, not when the event loop gets to it. */
  flush(): void {
    if (this.db && !this.destroyed && !this.connectionLost) this.queue.drain();
    this.writes.commitAll();
  }

  /** Stores the doc's whole state (after updates were skipped that another tab may not have stored). */
  storeWholeState(): void {
    if (!this.db || this.destroyed || this.connectionLost) return;
    this.queue.add(Y.encodeStateAsUpdate(this.doc));
    this.options.onChange?.();
  }

  /** Stores `value` under {@link SYNC_STATE_KEY} (e.g. after an ack changed it). */
  writeSyncState(): void {
    if (!this.db || this.destroyed || !this.options.syncState) return;
    this.transaction([CUSTOM], false, (tx) => {
      tx.objectStore(CUSTOM).put(this.options.syncState?.(), SYNC_STATE_KEY);
    });
  }

  /** Merges all stored rows into one (atomic). */
  compact(): Promise<void> {
    const db = this.db;
    if (!db || this.compacting || this.destroyed) return Promise.resolve();
    this.compacting = true;
    return new Promise<void>((resolve) => {
      const write = this.transaction([UPDATES], true, (t) => {
        const store = t.objectStore(UPDATES);
        const request = store.getAll();
        request.onsuccess = () => {
          // Rows another tab wrote are applied first, so the merged row loses nothing.
          this.applyRows(request.result as unknown[]);
          const state = Y.encodeStateAsUpdate(this.doc);
          const add = store.add(state);
          add.onsuccess = () => {
            store.delete(IDBKeyRange.upperBound(add.result, true));
          };
        };
      });
      const done = () => {
        this.compacting = false;
        resolve();
      };
      if (!write) return done();
      write.tx.addEventListener("complete", () => {
        this.rows = 1;
      });
      void write.finished.then(done);
    });
  }

  /** Resolves once every write issued so far has finished (committed or failed). */
  whenIdle(): Promise<void> {
    if (this.db && !this.destroyed && !this.connectionLost) this.queue.drain();
    return this.writes.whenIdle();
  }

  /** Stops listening, waits for issued writes, closes the database. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.doc.off("update", this.onUpdate);
    await this.whenLoaded;
    if (this.beforeLoad.length > 0) this.writeBeforeLoad();
    await this.whenIdle();
    this.destroyed = true;
    this.queue.clear();
    await this.whenIdle();
    stopFlushOnHide(this);
    this.db?.close();
    this.db = null;
  }

  private async load(): Promise<void> {
    let db: IDBDatabase;
    try {
      db = await openDeviceDatabase(this.name, this.options.indexedDB ?? globalThis.indexedDB);
    } catch (error) {
      this.fail(error, "open");
      this.loaded = true;
      this.options.onChange?.();
      return;
    }
    if (this.destroyed) {
      db.close();
      return;
    }
    let copy: DeviceCopy = { rows: [], syncState: undefined };
    try {
      copy = await readDeviceCopy(db);
    } catch (error) {
      this.fail(error, "read");
    }
    this.db = db;
    db.onversionchange = () => db.close(); // Let another tab delete or upgrade the database.
    // The browser closed the connection itself: site data cleared, or evicted under storage
    // pressure. Nothing more can be written; say so now rather than at the next keystroke.
    db.addEventListener("close", () => {
      if (this.destroyed) return;
      this.db = null;
      this.connectionLost = true;
      this.queue.clear();
      this.missingUpdates = true;
      this.fail(new DOMException("the browser closed this document's device database", "InvalidStateError"), "closed");
      this.options.onChange?.();
    });
    this.storedSyncState = copy.syncState;
    this.applyRows(copy.rows);
    this.rows = copy.rows.length;
    this.loaded = true;
    this.writeBeforeLoad();
    this.options.onChange?.();
    if (this.rows >= (this.options.compactAfterRows ?? WEB_LIMITS.compactAfterRows)) void this.compact();
  }

  private applyRows(rows: unknown[]): void {
    Y.transact(
      this.doc,
      () => {
        for (const row of rows) {
          if (!(row instanceof Uint8Array)) continue;
          try {
            Y.applyUpdate(this.doc, row, this);
          } catch (error) {
            // One unreadable row must not make the whole document unreadable.
            this.fail(error, "row");
          }
        }
      },
      this,
      false,
    );
  }

  private writeBeforeLoad(): void {
    if (this.beforeLoad.length === 0) return;
    const merged = Y.mergeUpdates(this.beforeLoad);
    this.beforeLoad = [];
    this.write(merged);
  }

  /** Resolves once the write has finished (committed or failed); null if none was issued. */
  private write(update: Uint8Array): Promise<void> | null {
    const syncState = this.options.syncState?.();
    // After a refused write the device copy lacks that update: write the whole state instead,
    // so one success really means "everything is on the device" again (then the error clears).
    const full = this.missingUpdates;
    if (full) update = Y.encodeStateAsUpdate(this.doc);
    const write = this.transaction([UPDATES, CUSTOM], full, (t) => {
      t.objectStore(UPDATES).add(update);
      if (syncState !== undefined) t.objectStore(CUSTOM).put(syncState, SYNC_STATE_KEY);
    });
    if (!write) return null;
    write.tx.addEventListener("complete", () => {
      this.rows++;
      if (this.rows >= (this.options.compactAfterRows ?? WEB_LIMITS.compactAfterRows)) void this.compact();
    });
    return write.finished;
  }

  /**
   * Runs `body` in a readwrite transaction that is counted until it completes or fails.
   * `full`: it writes the doc's whole state, so its success clears an earlier write error.
   */
  private transaction(
    stores: string[],
    full: boolean,
    body: (tx: IDBTransaction) => void,
  ): { tx: IDBTransaction; finished: Promise<void> } | null {
    const db = this.db;
    if (!db) return null;
    let tx: IDBTransaction;
    try {
      tx = db.transaction(stores, "readwrite");
      body(tx);
    } catch (error) {
      this.missingUpdates = true;
      this.fail(error, "write");
      this.options.onChange?.();
      return null;
    }
    const finished = this.writes.track(tx, (error) => {
      if (error) {
        this.missingUpdates = true;
        this.fail(error, "write");
      } else if (full || !this.missingUpdates) {
        this.missingUpdates = false;
      }
      if (!error && !this.missingUpdates && this.error !== null) {
        this.error = null;
        this.errorDetail = null;
      }
      this.options.onChange?.();
    });
    this.options.onChange?.();
    return { tx, finished };
  }

  private fail(error: unknown, kind: DeviceErrorKind): void {
    this.error = describeDeviceError(error, kind);
    this.errorDetail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.onError?.(error);
  }
}
