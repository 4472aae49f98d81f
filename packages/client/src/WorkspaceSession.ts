/**
 * @module WorkspaceSession
 * One open workspace: its index docs (always open and synced: {@link IndexReplicas}), the
 * documents the editor opens, and background sync that keeps EVERY document of the index on the
 * device — after one online visit the whole workspace opens offline ({@link BackgroundSync}).
 * The session makes every replica (one token, one network state for all) and follows the
 * primary index's connection: online resumes background sync, anything else pauses it.
 *
 * In a class (issue 13) only the documents this member may read are synced and listed
 * ({@link DocumentAccess}); a 4403 for one document stops its sockets for good, and her
 * removal from the class stops every socket while every device copy stays readable.
 */
import { CloseCode } from "@quire/core";
import type * as Y from "yjs";
import { ApiClient } from "./ApiClient.ts";
import { BackgroundSync } from "./BackgroundSync.ts";
import { followWriteAccess } from "./class-rules.ts";
import { DocumentAccess } from "./DocumentAccess.ts";
import { readDeviceDocument } from "./device-document.ts";
import type { ConnectionState, DocHandle } from "./doc-handle.ts";
import type { DocReplica } from "./DocReplica.ts";
import { DOC_ID } from "./doc-id.ts";
import { EditorHandles } from "./EditorHandles.ts";
import { IndexReplicas } from "./IndexReplicas.ts";
import type { Membership } from "./membership.ts";
import { MembershipRefresher } from "./MembershipRefresher.ts";
import { apiUrlFrom, defaultRelayUrl } from "./relay-urls.ts";
import { type SessionReplicaUse, sessionReplica } from "./session-replica.ts";
import { WorkspaceIndex } from "./WorkspaceIndex.ts";
import type { WorkspaceSessionOptions } from "./workspace-session-options.ts";

export class WorkspaceSession {
  membership: Membership;
  readonly index: WorkspaceIndex;
  private readonly indexes: IndexReplicas;
  /** Docs waiting or syncing in the background, for the app's "syncing n documents". */
  readonly backgroundSync: { pending(): number; subscribe(listener: () => void): () => void };
  private readonly background: BackgroundSync;
  /** Which class documents she may read (and whether she was removed): see DocumentAccess. */
  readonly access: DocumentAccess;
  /** HTTP origin of the relay's API (a classroom hub's status for the teacher's dashboard, issue 14). */
  readonly apiUrl: string;
  private readonly relayUrl: string;
  private readonly options: WorkspaceSessionOptions;
  private readonly openHandles = new EditorHandles();
  private readonly connectionListeners = new Set<() => void>();
  private lastConnection: ConnectionState = "connecting";
  private destroyed = false;
  private browserOffline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
  private readonly cleanups: (() => void)[] = [];
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
    this.indexes = new IndexReplicas({
      access: this.access,
      membership: () => this.membership,
      index: () => this.index,
      replica: (docName) => this.replica(docName, { start: true, presence: false }),
      isDestroyed: () => this.destroyed,
      onConnection: () => this.onIndexConnection(),
      onLoaded: () => this.background.enqueueChanged(),
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    });
    this.index = new WorkspaceIndex(this.indexes.first.doc, { readOnly: membership.role === "viewer" });
    this.indexes.follow();
    this.background = new BackgroundSync({
      index: this.index,
      access: this.access,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      isOpen: (docId) => this.openHandles.has(docId),
      replica: (docId) => this.replica(`${this.membership.workspace.id}/${docId}`, { start: true, presence: false, keepAlive: false, tabs: false }),
    });
    this.backgroundSync = this.background;
    this.cleanups.push(this.index.subscribe(() => this.background.enqueueChanged()));
    this.cleanups.push(
      this.access.subscribe((readable) => {
        this.indexes.follow();
        if (this.access.removed) this.stopSyncing();
        for (const id of readable) this.background.add(id);
      }),
    );
    if (this.access.removed) this.stopSyncing();
    const onOnline = () => this.reconnectNow();
    const onOffline = () => this.goOffline();
    globalThis.addEventListener?.("online", onOnline);
    globalThis.addEventListener?.("offline", onOffline);
    this.cleanups.push(() => {
      globalThis.removeEventListener?.("online", onOnline);
      globalThis.removeEventListener?.("offline", onOffline);
    });
    void this.refresher.refreshIfDue();
    if (membership.registration) this.refresher.register(membership);
  }

  /** The primary index doc's replica (its connection is the workspace's connection state). */
  get indexHandle(): DocReplica {
    return this.indexes.primary;
  }

  /** Every open index doc's replica (a split class's parts, or the one index). */
  indexHandles(): DocReplica[] {
    return this.indexes.handles();
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
    this.background.touched(docId);
    const handle = this.replica(`${this.membership.workspace.id}/${docId}`, {
      start: false,
      presence: true,
      hubApiUrl: this.apiUrl,
      onReleased: () => {
        this.openHandles.remove(docId, handle);
        // Changes the relay has not confirmed yet get confirmed by background sync.
        this.background.add(docId);
      },
    });
    this.openHandles.add(docId, handle);
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
    this.background.touched(docName.slice(`${this.membership.workspace.id}/`.length));
    const replica = this.replica(docName, { start: false, presence: false, keepAlive: false, tabs: true });
    replica.goOffline();
    return replica;
  }

  /** An editor's handle of `docName` in this tab whose device copy is applied, if any. */
  loadedHandle(docName: string): DocReplica | null {
    const prefix = `${this.membership.workspace.id}/`;
    if (!docName.startsWith(prefix)) return null;
    for (const handle of this.indexHandles()) if (handle.docName === docName) return handle;
    return this.openHandles.loaded(docName.slice(prefix.length));
  }

  /** Background sync takes `docId` to the relay next (once online). */
  syncSoon(docId: string): void {
    this.background.touched(docId);
    if (DOC_ID.test(docId)) this.background.add(docId);
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
      this.background.add(docId);
    }
  }

  /** Uses a refreshed membership (new token) for every connection. */
  updateMembership(m: Membership): void {
    const firstToken = this.membership.token === "" && m.token !== "";
    this.membership = m;
    for (const handle of this.indexHandles()) handle.setToken(m.token);
    for (const handle of this.openHandles.all()) handle.setToken(m.token);
    for (const replica of this.background.inFlight()) replica.setToken(m.token);
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
    this.background.pause();
    for (const replica of this.replicas()) replica.deny({ kind: "removed" });
    for (const listener of [...this.membershipListeners]) listener();
  }

  private *replicas(): Iterable<DocReplica> {
    yield* this.indexHandles();
    yield* this.openHandles.all();
    yield* this.background.inFlight();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.refresher.stop();
    this.membershipListeners.clear();
    for (const cleanup of this.cleanups) cleanup();
    this.background.destroy();
    for (const handle of this.openHandles.all()) handle.release();
    this.indexes.release();
    this.connectionListeners.clear();
  }

  private replica(docName: string, use: SessionReplicaUse): DocReplica {
    const { relayUrl, options, membership, access, browserOffline } = this;
    return sessionReplica({ relayUrl, options, membership, access, browserOffline }, docName, use);
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
      this.background.resume();
      // A split class's teacher asks too: a group made meanwhile has a part she reads.
      void this.access.refresh(this.index.ids(), this.access.indexLayout !== null);
      void this.refresher.refreshIfDue();
    } else if (state !== "online") {
      this.background.pause();
    }
    for (const listener of [...this.connectionListeners]) listener();
  }
}
