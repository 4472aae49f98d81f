/**
 * @module DocReplica
 * One document on this device: a Yjs doc (history kept, gc off) with its device copy
 * ({@link DeviceStore}, IndexedDB) and its relay connection (y-websocket, token in the subprotocol header).
 * Implements the app's DocHandle; background sync uses it too, without an editor.
 *
 * Order matters (the "empty doc overwrites real content" trap): nothing connects to the relay
 * before the device copy is applied, so an empty in-memory doc never syncs first.
 * Save state: device = IndexedDB has every change (writes counted until committed); relay =
 * the relay acked (Quire message 100) every local change, see {@link SaveTracker}.
 * Lifecycle (idle → loading → syncing ⇄ offline, unavailable, denied, destroyed): {@link ReplicaLifecycle};
 * every decision (transition, refusal) is made in {@link ReplicaMachine}, and this class does
 * the I/O it asks for. Its parts: the relay connection ({@link RelayLink}), the device copy
 * (replica-device-copy.ts), the other tabs ({@link ReplicaTabs}) and, on a classroom hub, the
 * third save level ({@link HubSaveLevel}).
 */
import { createQuireDoc } from "@quire/core";
import { Awareness } from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { DeviceStore } from "./DeviceStore.ts";
import type { DocReplicaOptions } from "./doc-replica-options.ts";
import type { ConnectionState, DocHandle, DocHandleEvents, SaveState } from "./doc-handle.ts";
import type { AccessRefusal } from "./access-refusal.ts";
import { HandleEvents } from "./HandleEvents.ts";
import { HubSaveLevel } from "./HubSaveLevel.ts";
import { changedClocks, watchLocalEdits } from "./local-edits.ts";
import { ATTEMPTS_FOR_LONGEST_BACKOFF } from "./relay-close-backoff.ts";
import { RelayLink } from "./RelayLink.ts";
import type { ReplicaState } from "./ReplicaLifecycle.ts";
import { ReplicaMachine } from "./ReplicaMachine.ts";
import { ReplicaTabs } from "./ReplicaTabs.ts";
import { openReplicaDeviceCopy } from "./replica-device-copy.ts";
import { deriveSaveState } from "./save-state.ts";
import { SaveTracker, parsePersistedSyncState } from "./SaveTracker.ts";

export class DocReplica implements DocHandle {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly provider: WebsocketProvider;
  readonly tracker = new SaveTracker();
  readonly whenLoaded: Promise<void>;
  private store: DeviceStore | null = null;
  private resolveLoaded!: () => void;
  /** Lifecycle and the inputs that steer it: every decision, no I/O (see ReplicaMachine). */
  private readonly machine = new ReplicaMachine();
  private readonly events = new HandleEvents();
  /** The relay connection (provider, token, keep-alive): the I/O this class drives. */
  private readonly link: RelayLink;
  private cached: SaveState | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly options: DocReplicaOptions;
  private readonly stopWatching: () => void;
  /** On a classroom hub: does the school server hold every local change (HubSaveLevel). */
  private readonly hub: HubSaveLevel;
  /** The other tabs of this device copy: their channel and the writer lock. */
  private readonly tabs: ReplicaTabs;

  constructor(options: DocReplicaOptions) {
    this.options = options;
    this.docName = options.docName;
    this.doc = createQuireDoc({ guid: options.docName });
    this.awareness = new Awareness(this.doc);
    if (options.presence === false) this.awareness.setLocalState(null);
    this.link = new RelayLink(options, this.doc, this.awareness, {
      status: this.onStatus,
      sync: this.onSync,
      close: this.onClose,
      ack: (stateVector) => {
        this.tabs.shareAck(stateVector);
        this.acked(stateVector);
      },
      hub: () => this.hub.attach(),
      sentElsewhere: (origin) => this.tabs.fromAnotherTab(origin),
      wantsSocket: () => this.machine.is("syncing", "unavailable"),
    });
    this.provider = this.link.provider;
    this.tabs = new ReplicaTabs({
      name: options.deviceName ?? options.docName,
      doc: this.doc,
      provider: this.provider,
      isExternal: (origin) => origin === this.provider || origin === this.store,
      onAck: (stateVector) => this.acked(stateVector),
      pendingChanges: () => this.tracker.pendingChanges(),
    });
    this.hub = new HubSaveLevel({
      apiUrl: options.hubApiUrl,
      docName: this.docName,
      token: () => this.link.token,
      hubHasAll: () => this.connection() === "online" && this.tracker.acks() > 0 && this.tracker.pendingChanges() === 0,
      onChange: () => this.changed(),
      isReleased: () => this.isReleased,
    });
    this.whenLoaded = new Promise((resolve) => {
      this.resolveLoaded = resolve;
    });
    // Registered before the DeviceStore's listener, so the sync state it stores includes this change.
    this.stopWatching = watchLocalEdits(
      this.doc,
      this.awareness,
      (origin) => origin === this.provider || origin === this.store,
      (edit) => {
        const sent = this.provider.synced;
        for (const { client, before, after } of changedClocks(edit, this.doc.clientID)) {
          this.tracker.recordLocal(client, before, after, sent);
          this.hub.recordLocal(client, before, after);
        }
        this.changed();
      },
    );
    if (options.start) this.start();
  }

  /** Close code of the last socket the relay closed (null: closed by us or the network). */
  get lastCloseCode(): number | null {
    return this.link.lastCloseCode;
  }

  /** Where this replica is in its life (see {@link ReplicaLifecycle}). */
  get state(): ReplicaState {
    return this.machine.state;
  }

  on<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.events.on(type, listener);
  }

  off<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.events.off(type, listener);
  }

  /** Loads the device copy, then connects to the relay. Idempotent. */
  start(): void {
    if (!this.machine.start()) return;
    const store = openReplicaDeviceCopy(this.options.deviceName ?? this.docName, this.doc, {
      syncState: () => this.tracker.persisted(),
      // Another tab's edits are stored by that tab; relay updates by the tab holding the writer lock.
      storedElsewhere: (origin) => this.tabs.storedElsewhere(origin),
      ...(this.options.indexedDB ? { indexedDB: this.options.indexedDB } : {}),
      onChange: () => this.changed(),
    });
    this.store = store;
    // DeviceStore never rejects whenLoaded (failures land in store.error), so this always runs.
    void store.whenLoaded.then(() => {
      if (this.machine.is("destroyed")) return;
      this.tracker.restore(parsePersistedSyncState(store.storedSyncState));
      this.resolveLoaded();
      // Refused before the copy loaded (the member was removed): read it, never connect.
      this.machine.loaded();
      if (this.options.disableBc !== true && this.options.tabs !== false) this.tabs.open(store);
      this.events.emit("sync", true);
      if (this.machine.is("syncing")) this.provider.connect();
      this.changed();
    });
  }

  /** What the relay's class rules refused this member here, or null (see access-refusal.ts). */
  accessRefusal(): AccessRefusal | null {
    return this.machine.refusal();
  }

  /**
   * The member may not read this document any more (4403 here, or her removal seen on another
   * socket): drop the socket for good and keep the device copy readable. Idempotent.
   */
  deny(refusal: AccessRefusal): void {
    if (!this.machine.deny(refusal)) return;
    this.provider.disconnect();
    this.changed();
  }

  /** The relay says she may only read here (4533, or its access answer): the editor stops writing. */
  markReadOnly(kind: "locked" | "read-only-role"): void {
    if (this.machine.markReadOnly(kind)) this.changed();
  }

  /** The relay says she may write here again (unlocked, promoted): editing resumes. */
  allowWriting(): void {
    if (this.machine.allowWriting()) this.changed();
  }

  /** Uses a new token for the next connection (after a refresh). */
  setToken(token: string): void {
    this.link.setToken(token);
    // y-websocket stops retrying after a 44xx close; a new token may fix it.
    if (this.machine.tokenChanged()) this.provider.connect();
  }

  /** Reconnect now instead of waiting out the backoff (the browser said it is online again). */
  reconnectNow(): void {
    if (!this.machine.online() || this.provider.wsconnected) return;
    this.provider.disconnect();
    this.provider.connect();
  }

  /**
   * The browser says there is no network: drop the socket now. A half-open socket would
   * otherwise look "online" for up to 30 s (y-websocket's silence timeout) while nothing gets
   * through. `reconnectNow()` undoes it.
   */
  goOffline(): void {
    if (this.machine.offline()) this.provider.disconnect();
    this.changed();
  }

  connection(): ConnectionState {
    return this.link.connection(this.machine.browserOffline);
  }

  /** True once the relay synced and acked everything this device holds for the doc. */
  fullySynced(): boolean {
    return this.provider.synced && this.tracker.acks() > 0 && this.tracker.pendingChanges() === 0 && (this.store?.pending() ?? 1) === 0;
  }

  saveState(): SaveState {
    const store = this.store;
    this.cached = deriveSaveState(
      {
        loaded: store?.loaded ?? false,
        deviceError: store?.error ?? null,
        connection: this.connection(),
        pendingChanges: this.tracker.pendingChanges(),
        relayError: this.machine.relayError,
        readOnly: this.machine.refusal() !== null,
        upstream: this.hub.level(),
      },
      this.cached,
    );
    return this.cached;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes socket and database after pending device writes finished. */
  release(): void {
    void this.close();
  }

  async close(): Promise<void> {
    if (!this.machine.destroy()) return;
    this.resolveLoaded(); // Nobody waits forever on a released handle.
    this.hub.close();
    await this.link.close();
    this.awareness.destroy();
    this.stopWatching();
    this.tabs.close();
    await this.store?.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.options.onReleased?.();
  }

  get isReleased(): boolean {
    return this.machine.is("destroyed");
  }

  private readonly onStatus = (event: { status: string }) => {
    this.events.emit("status", event);
    this.changed();
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) {
      this.machine.synced();
      this.tracker.markSent();
    }
    this.events.emit("sync", synced);
    this.changed();
  };

  private readonly onClose = (event: CloseEvent | null) => {
    const { deny, longestBackoff } = this.machine.closed(event);
    if (deny !== null) {
      this.deny(deny); // No retry: the relay would refuse every reconnect (4403 is permanent).
      return;
    }
    // Set before y-websocket counts the attempt and schedules the next one.
    if (longestBackoff) this.provider.wsUnsuccessfulReconnects = ATTEMPTS_FOR_LONGEST_BACKOFF;
    this.changed();
  };

  /** The relay, or another tab that heard it, durably stored everything up to `stateVector`. */
  private acked(stateVector: Map<number, number>): void {
    this.tracker.ack(stateVector);
    this.store?.writeSyncState();
    this.changed();
  }

  private changed(): void {
    this.hub.update();
    for (const listener of [...this.listeners]) listener();
  }
}
