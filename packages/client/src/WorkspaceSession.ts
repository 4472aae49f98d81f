/**
 * @module WorkspaceSession
 * One open workspace: its index doc (always open and synced), the documents the editor opens,
 * and background sync that keeps EVERY document of the index on the device — after one online
 * visit the whole workspace opens offline. Background sync walks the docs through a
 * {@link SyncQueue} with a few sockets at once (connect, wait until synced and acked,
 * disconnect, next), again on every reconnect (except docs provably unchanged since their last
 * sync: {@link SyncedDocs}) and whenever an index entry changes.
 *
 * In a class (issue 13) only the documents this member may read are synced and listed
 * ({@link DocumentAccess}); a 4403 for one document stops its sockets for good, and her
 * removal from the class stops every socket while every device copy stays readable.
 */
import { CLASS_INDEX_PART, CloseCode, indexPartDocName, workspaceIndexDocName } from "@quire/core";
import { ApiClient } from "./ApiClient.ts";
import { followWriteAccess, rememberRefusal } from "./class-rules.ts";
import { DocumentAccess } from "./DocumentAccess.ts";
import type * as Y from "yjs";
import { deviceCopyName } from "./device-copy-name.ts";
import { readDeviceDocument } from "./device-document.ts";
import type { ConnectionState, DocHandle } from "./doc-handle.ts";
import { DocReplica } from "./DocReplica.ts";
import { DOC_ID } from "./doc-id.ts";
import type { IndexParts } from "./IndexParts.ts";
import type { Membership } from "./membership.ts";
import { MembershipRefresher } from "./MembershipRefresher.ts";
import { SyncedDocs } from "./SyncedDocs.ts";
import { SyncQueue } from "./SyncQueue.ts";
import { TOUCH_INTERVAL_MS, WorkspaceIndex } from "./WorkspaceIndex.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface WorkspaceSessionOptions {
  /** Websocket base, default `ws(s)://<this origin>/sync`. */
  relayUrl?: string;
  /** HTTP origin of the relay's API (token refresh), default derived from `relayUrl`. */
  apiUrl?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Carry the workspace's documents over one `/mux` socket (default true; issue 17 item 4). */
  mux?: boolean;
  disableBc?: boolean;
  /** IndexedDB for the device copies (default the global one; tests give each "device" its own). */
  indexedDB?: IDBFactory;
  /** Sockets background sync may use at once (default {@link WEB_LIMITS.backgroundSyncConcurrency}). */
  concurrency?: number;
  /** Where a refreshed token is kept (default: localStorage via MembershipStore). */
  onMembershipChange?: (m: Membership) => void;
}

/** Slack after the touch interval before the trailing background sync of a changed doc. */
const TRAILING_SYNC_MARGIN_MS = 2_000;

export class WorkspaceSession {
  membership: Membership;
  readonly index: WorkspaceIndex;
  /** The index doc opened first: `<ws>/index`, or a split class's class part. */
  private readonly firstIndex: DocReplica;
  /**
   * A split class's parts (IndexParts), loaded only once the relay said the class is split:
   * a lazy chunk, kept out of the first load (cached for offline use once fetched).
   */
  private indexParts: IndexParts | null = null;
  private loadingParts: Promise<void> | null = null;
  readonly backgroundSync: { pending(): number; subscribe(listener: () => void): () => void };
  /** Which class documents she may read (and whether she was removed): see DocumentAccess. */
  readonly access: DocumentAccess;
  /** HTTP origin of the relay's API (a classroom hub's status for the teacher's dashboard, issue 14). */
  readonly apiUrl: string;
  private readonly queue: SyncQueue<string>;
  private readonly relayUrl: string;
  private readonly options: WorkspaceSessionOptions;
  private readonly openHandles = new Map<string, Set<DocReplica>>();
  private readonly backgroundReplicas = new Set<DocReplica>();
  private readonly lastSynced = new Map<string, number>();
  /** Docs a reconnect need not sync again (see SyncedDocs). */
  private readonly syncedDocs = new SyncedDocs(TRAILING_SYNC_MARGIN_MS, WEB_LIMITS.fullResyncIntervalMs);
  private readonly connectionListeners = new Set<() => void>();
  private lastConnection: ConnectionState = "connecting";
  private destroyed = false;
  private browserOffline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
  private readonly cleanups: (() => void)[] = [];
  private readonly trailing = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly membershipListeners = new Set<() => void>();
  private readonly refresher: MembershipRefresher;
  /** Why the relay refused to register this (offline-created) workspace, for the student. */
  registrationError: string | null = null;

  static open(membership: Membership, options: WorkspaceSessionOptions = {}): WorkspaceSession {
    return new WorkspaceSession(membership, options);
  }

  private constructor(membership: Membership, options: WorkspaceSessionOptions) {
    this.membership = membership;
    this.options = options;
    this.relayUrl = options.relayUrl ?? defaultRelayUrl();
    const apiUrl = options.apiUrl ?? apiUrlFrom(this.relayUrl);
    this.apiUrl = apiUrl;
    this.access = new DocumentAccess({ api: new ApiClient(apiUrl), membership: () => this.membership });
    this.refresher = new MembershipRefresher({
      apiUrl,
      current: () => this.membership,
      apply: (m) => this.updateMembership(m),
      ...(options.onMembershipChange ? { save: options.onMembershipChange } : {}),
      onRemoved: () => this.access.markRemoved(),
      onRegistrationRefused: (message) => {
        this.registrationError = message;
        for (const listener of [...this.membershipListeners]) listener();
      },
    });
    const ws = membership.workspace.id;
    this.firstIndex = this.indexReplica(this.access.indexLayout ? indexPartDocName(ws, CLASS_INDEX_PART) : workspaceIndexDocName(ws));
    this.index = new WorkspaceIndex(this.firstIndex.doc, { readOnly: membership.role === "viewer" });
    this.followIndexLayout();
    this.queue = new SyncQueue<string>({
      concurrency: options.concurrency ?? WEB_LIMITS.backgroundSyncConcurrency,
      timeoutMs: WEB_LIMITS.backgroundJobTimeoutMs,
      retryBaseMs: WEB_LIMITS.backgroundRetryBaseMs,
      retryMaxMs: WEB_LIMITS.backgroundRetryMaxMs,
      run: (docId, signal) => this.syncInBackground(docId, signal),
    });
    this.queue.pause(); // Until the index is online: offline jobs would only fail and back off.
    this.backgroundSync = {
      pending: () => this.queue.pending(),
      subscribe: (listener) => this.queue.subscribe(listener),
    };
    this.cleanups.push(this.index.subscribe(() => this.enqueueChanged()));
    this.cleanups.push(
      this.access.subscribe((readable) => {
        this.followIndexLayout();
        if (this.access.removed) this.stopSyncing();
        for (const id of readable) if (!this.destroyed) this.queue.add(id);
      }),
    );
    if (this.access.removed) this.stopSyncing();
    if (typeof globalThis.addEventListener === "function") {
      const onOnline = () => this.reconnectNow();
      const onOffline = () => this.goOffline();
      globalThis.addEventListener("online", onOnline);
      globalThis.addEventListener("offline", onOffline);
      this.cleanups.push(() => {
        globalThis.removeEventListener("online", onOnline);
        globalThis.removeEventListener("offline", onOffline);
      });
    }
    void this.refresher.refreshIfDue();
    if (membership.registration) this.refresher.register(membership);
  }

  /** The primary index doc's replica (its connection is the workspace's connection state). */
  get indexHandle(): DocReplica {
    return this.indexParts?.primary ?? this.firstIndex;
  }

  /** Every open index doc's replica (a split class's parts, or the one index). */
  indexHandles(): DocReplica[] {
    return this.indexParts?.handles() ?? [this.firstIndex];
  }

  /** Calls `listener` when the membership changes (token refreshed, workspace registered). */
  subscribeMembership(listener: () => void): () => void {
    this.membershipListeners.add(listener);
    return () => this.membershipListeners.delete(listener);
  }

  connection(): ConnectionState {
    return this.indexHandle.connection();
  }

  subscribeConnection(listener: () => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /**
   * Opens a document for the editor. The handle's doc stays EMPTY until the editor's
   * CollaborationPlugin connects (its provider calls `handle.start()`), because
   * @lexical/yjs only renders content that arrives after it bound to the doc.
   */
  openDoc(docId: string): DocHandle {
    if (!DOC_ID.test(docId)) throw new TypeError(`not a document id: ${docId}`);
    this.syncedDocs.touched(docId);
    const handle = this.replica(`${this.membership.workspace.id}/${docId}`, {
      start: false,
      presence: true,
      hubApiUrl: this.apiUrl,
      onReleased: () => {
        const set = this.openHandles.get(docId);
        set?.delete(handle);
        if (set?.size === 0) this.openHandles.delete(docId);
        // Changes the relay has not confirmed yet get confirmed by background sync.
        if (!this.destroyed) this.queue.add(docId);
      },
    });
    const set = this.openHandles.get(docId) ?? new Set<DocReplica>();
    set.add(handle);
    this.openHandles.set(docId, set);
    followWriteAccess(this.access, docId, handle);
    return handle;
  }

  /**
   * A replica of `docName` for a one-off job (a sync file's import, sync-files.ts): it never
   * connects — background sync or the editor's own socket carry its changes once it closed,
   * in their sync handshake — and shares its edits with this device's open copies of the doc
   * through the tab channel. The caller starts and closes it.
   */
  offlineReplica(docName: string): DocReplica {
    this.syncedDocs.touched(docName.slice(`${this.membership.workspace.id}/`.length));
    const replica = this.replica(docName, { start: false, presence: false, keepAlive: false, tabs: true });
    replica.goOffline();
    return replica;
  }

  /** An editor's handle of `docName` in this tab whose device copy is applied, if any. */
  loadedHandle(docName: string): DocReplica | null {
    const prefix = `${this.membership.workspace.id}/`;
    if (!docName.startsWith(prefix)) return null;
    for (const handle of this.indexHandles()) if (handle.docName === docName) return handle;
    for (const handle of this.openHandles.get(docName.slice(prefix.length)) ?? []) {
      if (handle.saveState().device !== "loading") return handle;
    }
    return null;
  }

  /** Background sync takes `docId` to the relay next (once online). */
  syncSoon(docId: string): void {
    this.syncedDocs.touched(docId);
    if (!this.destroyed && DOC_ID.test(docId)) this.queue.add(docId);
  }

  /**
   * A document as this device holds it (no socket, no presence): for exports, offline too.
   * The open editor's unsaved keystrokes reach the device within a task, so this is current.
   */
  readDocOnDevice(docId: string): Promise<Y.Doc> {
    if (!DOC_ID.test(docId)) throw new TypeError(`not a document id: ${docId}`);
    return readDeviceDocument(this.membership, `${this.membership.workspace.id}/${docId}`, this.options.indexedDB);
  }

  /**
   * Writes the first content of a document just created here (an import): `write` runs once
   * the device copy is loaded, then the replica closes after storing it on the device;
   * background sync takes it to the relay. Resolves when IndexedDB holds it, so the editor
   * opening it next reads it from there.
   */
  async writeNewDoc(docId: string, write: (doc: Y.Doc) => void): Promise<void> {
    if (!DOC_ID.test(docId)) throw new TypeError(`not a document id: ${docId}`);
    const replica = this.replica(`${this.membership.workspace.id}/${docId}`, { start: true, presence: false, keepAlive: false, tabs: false });
    try {
      await replica.whenLoaded;
      write(replica.doc);
    } finally {
      await replica.close();
      if (!this.destroyed) this.queue.add(docId);
    }
  }

  /** Uses a refreshed membership (new token) for every connection. */
  updateMembership(m: Membership): void {
    const firstToken = this.membership.token === "" && m.token !== "";
    this.membership = m;
    for (const handle of this.indexHandles()) handle.setToken(m.token);
    for (const set of this.openHandles.values()) for (const handle of set) handle.setToken(m.token);
    for (const replica of this.backgroundReplicas) replica.setToken(m.token);
    if (firstToken && !this.browserOffline) this.reconnectNow();
    for (const listener of [...this.membershipListeners]) listener();
  }

  /** Reconnect every socket now (the browser reported it is online again). */
  reconnectNow(): void {
    this.browserOffline = false;
    if (this.membership.token === "") return; // Not registered yet: nothing may connect.
    for (const replica of this.replicas()) replica.reconnectNow();
  }

  /** Drop every socket now (the browser reported it is offline); see DocReplica.goOffline. */
  goOffline(): void {
    this.browserOffline = true;
    for (const replica of this.replicas()) replica.goOffline();
  }

  /**
   * She was removed from the class: no socket opens again (each would be refused), background
   * sync stops, and every replica keeps its device copy readable. Nothing local is deleted.
   */
  private stopSyncing(): void {
    this.queue.pause();
    for (const replica of this.replicas()) replica.deny({ kind: "removed" });
    for (const listener of [...this.membershipListeners]) listener();
  }

  private *replicas(): Iterable<DocReplica> {
    yield* this.indexHandles();
    for (const set of this.openHandles.values()) yield* set;
    yield* this.backgroundReplicas;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.refresher.stop();
    this.membershipListeners.clear();
    for (const cleanup of this.cleanups) cleanup();
    this.queue.destroy();
    for (const timer of this.trailing.values()) clearTimeout(timer);
    this.trailing.clear();
    for (const set of this.openHandles.values()) for (const handle of set) handle.release();
    for (const replica of this.backgroundReplicas) void replica.close();
    if (this.indexParts) this.indexParts.release();
    else this.firstIndex.release();
    this.connectionListeners.clear();
  }

  private replica(
    docName: string,
    extra: { start: boolean; presence: boolean; keepAlive?: boolean; tabs?: boolean; hubApiUrl?: string; onReleased?: () => void },
  ): DocReplica {
    const replica = new DocReplica({
      docName,
      relayUrl: this.relayUrl,
      token: this.membership.token,
      deviceName: deviceCopyName(this.membership, docName),
      ...extra,
      ...(this.options.WebSocketPolyfill ? { WebSocketPolyfill: this.options.WebSocketPolyfill } : {}),
      mux: this.options.mux ?? true,
      ...(this.options.disableBc === undefined ? {} : { disableBc: this.options.disableBc }),
      ...(this.options.indexedDB ? { indexedDB: this.options.indexedDB } : {}),
    });
    // goOffline also holds back the connection of a workspace the relay has not registered yet.
    if (this.browserOffline || this.membership.token === "") replica.goOffline();
    // access is unset while the constructor makes the index replica; it reads access after.
    if (this.access?.removed) replica.deny({ kind: "removed" });
    replica.subscribe(() => rememberRefusal(this.access, this.membership.workspace.id, replica));
    return replica;
  }

  /** An index doc's replica: its connection and loads drive the session (IndexParts opens them). */
  private indexReplica(docName: string): DocReplica {
    const replica = this.replica(docName, { start: true, presence: false });
    replica.subscribe(() => {
      // Refused (the class's list was split, or she was moved): ask the relay which parts to read.
      if (replica.accessRefusal()?.kind === "no-access" && !this.destroyed) void this.access.refresh(this.index?.ids() ?? []);
      if (replica === this.indexHandle) this.onIndexConnection();
    });
    void replica.whenLoaded.then(() => {
      if (!this.destroyed && this.index) this.enqueueChanged();
    });
    // The relay marks the old single index when it splits the class (IndexSplitter): a teacher,
    // who may still read it, learns there that her class's list now lives in parts.
    const meta = replica.doc.getMap("meta");
    const onMeta = () => {
      if (meta.has("split") && this.access.indexLayout === null && !this.destroyed) void this.access.refresh(this.index?.ids() ?? [], true);
    };
    meta.observe(onMeta);
    void replica.whenLoaded.then(onMeta);
    return replica;
  }

  /** Reads the parts the relay last named (DocumentAccess.indexLayout). */
  private followIndexLayout(): void {
    const layout = this.access.indexLayout;
    if (this.destroyed || layout === null) return;
    if (!this.indexParts) {
      this.loadingParts ??= import("./IndexParts.ts").then(({ IndexParts }) => {
        if (this.destroyed) return;
        this.indexParts = new IndexParts({
          workspaceId: this.membership.workspace.id,
          first: this.firstIndex,
          open: (docName) => this.indexReplica(docName),
          deviceCopy: (docName) => deviceCopyName(this.membership, docName),
          ...(this.options.indexedDB ? { indexedDB: this.options.indexedDB } : {}),
        });
        this.followIndexLayout();
      }).catch(() => {
        // Offline before the chunk was ever cached: tried again at the next access change.
        this.loadingParts = null;
      });
      return;
    }
    if (this.indexParts.apply(layout, this.index, { teacher: this.membership.classRole === "teacher" })) this.onIndexConnection();
  }

  private onIndexConnection(): void {
    const state = this.connection();
    // An expired token is refreshable (up to 30 days after expiry); then every socket retries.
    // Checked on every change, not only when the state changes: a page reloaded offline with an
    // expired token stays "offline" through the 4401, and the refresh never ran (issue 13, a
    // student eight days offline: e2e class-rules).
    if (state !== "online" && this.indexHandle.lastCloseCode === CloseCode.Unauthorized) void this.refresher.refresh();
    if (state === this.lastConnection) return;
    const wasOnline = this.lastConnection === "online";
    this.lastConnection = state;
    if (state === "online" && !wasOnline) {
      this.queue.resume();
      // Catch up on everything others wrote meanwhile: every doc that may have changed.
      this.queue.addAll(this.syncedDocs.toWalk(this.index.ids(), (id) => this.index.get(id)?.updatedAt));
      // A split class's teacher asks too: a group made meanwhile has a part she reads.
      void this.access.refresh(this.index.ids(), this.access.indexLayout !== null);
      void this.refresher.refreshIfDue();
    } else if (state !== "online") {
      this.queue.pause();
    }
    for (const listener of [...this.connectionListeners]) listener();
  }

  /** Queues docs that are new in the index or whose entry changed (someone edited them). */
  private enqueueChanged(): void {
    void this.access.checkUnknown(this.index.ids());
    for (const id of this.index.ids()) {
      const entry = this.index.get(id);
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

  /**
   * "Last edited" is written at most every TOUCH_INTERVAL_MS per person, so edits made just
   * after a touch do not change the index. One more sync after that interval picks them up.
   */
  private scheduleTrailingSync(docId: string): void {
    const previous = this.trailing.get(docId);
    if (previous !== undefined) clearTimeout(previous);
    this.trailing.set(
      docId,
      setTimeout(() => {
        this.trailing.delete(docId);
        if (!this.destroyed) this.queue.add(docId);
      }, TOUCH_INTERVAL_MS + TRAILING_SYNC_MARGIN_MS),
    );
  }

  private async syncInBackground(docId: string, signal: AbortSignal): Promise<void> {
    if (this.openHandles.has(docId)) return; // The editor's own connection keeps it synced.
    // Another group's document, or one the relay has not said yet: no socket (it would be refused).
    if (this.access.removed || !(await this.access.decide(docId, this.index.get(docId)?.createdBy))) return;
    if (signal.aborted || this.openHandles.has(docId)) return;
    const began = this.syncedDocs.begin(docId);
    const replica = this.replica(`${this.membership.workspace.id}/${docId}`, { start: true, presence: false, keepAlive: false, tabs: false });
    this.backgroundReplicas.add(replica);
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
      if (!this.openHandles.has(docId)) this.syncedDocs.synced(docId, began, this.index.get(docId)?.updatedAt);
    } finally {
      this.backgroundReplicas.delete(replica);
      await replica.close();
    }
  }
}

function defaultRelayUrl(): string {
  const origin = (globalThis as { location?: Location }).location?.origin ?? "http://127.0.0.1:8787";
  return `${origin.replace(/^http/, "ws")}/sync`;
}

function apiUrlFrom(relayUrl: string): string {
  return relayUrl.replace(/^ws/, "http").replace(/\/sync\/?$/, "");
}
