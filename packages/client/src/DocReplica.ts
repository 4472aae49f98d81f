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
 * every transition happens in {@link DocReplica.move}.
 */
import { CloseCode, createQuireDoc, tokenSubprotocols } from "@quire/core";
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { DeviceStore } from "./DeviceStore.ts";
import { DeviceWriterLock } from "./DeviceWriterLock.ts";
import type { DocReplicaOptions } from "./doc-replica-options.ts";
import type { ConnectionState, DocHandle, DocHandleEvents, SaveState } from "./doc-handle.ts";
import { type AccessRefusal, accessRefusalFromClose, isReadOnlyRefusal } from "./access-refusal.ts";
import { HandleEvents } from "./HandleEvents.ts";
import { watchLocalEdits } from "./local-edits.ts";
import { ATTEMPTS_FOR_LONGEST_BACKOFF, refusalRepeats } from "./relay-close-backoff.ts";
import { accessRefusalMessage, relayCloseMessage } from "./relay-close-messages.ts";
import { muxSocketClass } from "./MuxChannelSocket.ts";
import { ReplicaLifecycle, type ReplicaState } from "./ReplicaLifecycle.ts";
import { ackSubscribeMessage, encodeSyncStep1, onQuireAck } from "./relay-messages.ts";
import { deriveSaveState } from "./save-state.ts";
import { SaveTracker, parsePersistedSyncState } from "./SaveTracker.ts";
import { whenSocketClosed } from "./socket-close.ts";
import { StorageMonitor } from "./StorageMonitor.ts";
import { TabChannel } from "./TabChannel.ts";
import { sendUnconfirmed, withholdFromRelay } from "./relay-withhold.ts";
import { trackSyncStep2 } from "./sync-step2-gate.ts";
import type { UpstreamSaveLevel } from "./UpstreamSaveLevel.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export class DocReplica implements DocHandle {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly provider: WebsocketProvider;
  readonly tracker = new SaveTracker();
  readonly whenLoaded: Promise<void>;
  private store: DeviceStore | null = null;
  private resolveLoaded!: () => void;
  private readonly lifecycle = new ReplicaLifecycle();
  private readonly events = new HandleEvents();
  /** Input, not lifecycle: the browser's last word on the network (may come before loading ends). */
  private browserOffline = false;
  /** History, for connection(): "connecting" until the first socket opened or failed. */
  private everConnected = false;
  /** Close code of the last socket the relay closed (null: closed by us or the network). */
  lastCloseCode: number | null = null;
  private relayError: string | null = null;
  /** What the class rules took from this member here (issue 13); see access-refusal.ts. */
  private refusal: AccessRefusal | null = null;
  private cached: SaveState | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly options: DocReplicaOptions;
  private readonly stopWatching: () => void;
  /** On a classroom hub: does the school server hold every local change (see {@link onHub}). */
  private upstream: UpstreamSaveLevel | null = null;
  /** The third save level is loaded or loading. */
  private hubAttaching = false;
  private token: string;

  constructor(options: DocReplicaOptions) {
    this.options = options;
    this.docName = options.docName;
    this.doc = createQuireDoc({ guid: options.docName });
    this.awareness = new Awareness(this.doc);
    if (options.presence === false) this.awareness.setLocalState(null);
    this.provider = new WebsocketProvider(options.relayUrl, options.docName, this.doc, {
      connect: false,
      awareness: this.awareness,
      // The token travels in the handshake's subprotocol header, not the URL: Chromium prints a
      // failed socket's URL in the console (issue 10). See @quire/core token-subprotocol.ts.
      protocols: tokenSubprotocols(options.token),
      maxBackoffTime: WEB_LIMITS.maxReconnectBackoffMs,
      disableBc: true, // Our TabChannel instead: see its module doc for why.
      ...socketClass(options),
    });
    // y-websocket's disconnect() announces "this client left" over the socket (disconnectBc);
    // with the broadcast channel off that is all disconnectBc does, and a replica without
    // presence never said it was there: ~25 bytes per background document per walk (issue 17).
    if (options.presence === false) this.provider.disconnectBc = () => {};
    this.whenLoaded = new Promise((resolve) => {
      this.resolveLoaded = resolve;
    });
    this.token = options.token;
    this.tabs = new TabChannel({
      name: options.deviceName ?? options.docName,
      doc: this.doc,
      isLocalEdit: (origin) => origin !== this.provider && origin !== this.store && origin !== this.tabs,
      // Counted by the tracker like this tab's own edits (they show here): a sibling's ack confirms them.
      onAck: (stateVector) => {
        this.tracker.ack(stateVector);
        this.store?.writeSyncState();
        this.changed();
      },
      onTabLeft: () => {
        if (this.tracker.pendingChanges() > 0) sendUnconfirmed(this.provider, this.tabs.knownRelayState());
      },
    });
    // Another tab's edits are sent by that tab; until this socket's sync step 2 went out, live
    // updates could reach the relay ahead of the content they build on (sync-step2-gate.ts).
    const step2Sent = trackSyncStep2(this.provider);
    withholdFromRelay(this.provider, (origin) => origin === this.tabs || !step2Sent());
    onQuireAck(this.provider, (stateVector) => {
      this.tabs.shareAck(stateVector);
      this.tracker.ack(stateVector);
      this.store?.writeSyncState();
      this.changed();
    }, () => this.onHub());
    // Registered before the DeviceStore's listener, so the sync state it stores includes this change.
    this.stopWatching = watchLocalEdits(
      this.doc,
      this.awareness,
      (origin) => origin === this.provider || origin === this.store,
      ({ inserted }) => {
        const sent = this.provider.synced;
        for (const { client, before, after } of inserted) {
          this.tracker.recordLocal(client, before, after, sent);
          this.upstream?.recordLocal(client, before, after);
        }
        if (inserted.length === 0) {
          this.tracker.recordLocal(this.doc.clientID, 0, 0, sent); // delete-only
          this.upstream?.recordLocal(this.doc.clientID, 0, 0);
        }
        this.changed();
      },
    );
    this.provider.on("status", this.onStatus);
    this.provider.on("sync", this.onSync);
    this.provider.on("connection-close", this.onClose);
    if (options.keepAlive !== false) {
      this.keepAliveTimer = setInterval(() => this.keepAlive(), WEB_LIMITS.keepAliveMs / 2);
    }
    if (options.start) this.start();
  }

  private keepAliveTimer: ReturnType<typeof setInterval> | null = null;
  private readonly tabs: TabChannel;
  private writer: DeviceWriterLock | null = null;

  /** Where this replica is in its life (see {@link ReplicaLifecycle}). */
  get state(): ReplicaState {
    return this.lifecycle.state;
  }

  /** The one place a lifecycle transition happens (throws on one the table does not allow). */
  private move(next: ReplicaState): void {
    this.lifecycle.to(next);
  }

  on<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.events.on(type, listener);
  }

  off<K extends keyof DocHandleEvents>(type: K, listener: DocHandleEvents[K]): void {
    this.events.off(type, listener);
  }

  /** Loads the device copy, then connects to the relay. Idempotent. */
  start(): void {
    if (!this.lifecycle.is("idle")) return;
    this.move("loading");
    let hadDeviceError = false;
    const store = new DeviceStore(this.options.deviceName ?? this.docName, this.doc, {
      syncState: () => this.tracker.persisted(),
      // Another tab's edits are stored by that tab; relay updates by the tab holding the writer lock.
      storedElsewhere: (origin) => origin === this.tabs || (origin === this.provider && this.writer?.skipRelayUpdate() === true),
      ...(this.options.indexedDB ? { indexedDB: this.options.indexedDB } : {}),
      onChange: () => {
        if (hadDeviceError && store.error === null) StorageMonitor.broadcastWriteOk();
        hadDeviceError = store.error !== null;
        this.changed();
      },
      onError: (error) => {
        // Every StorageMonitor of the page hears it, whether or not one was passed in.
        StorageMonitor.broadcastWriteError(error, store.error ?? undefined);
        this.changed();
      },
    });
    this.store = store;
    // DeviceStore never rejects whenLoaded (failures land in store.error), so this always runs.
    void store.whenLoaded.then(() => {
      if (this.lifecycle.is("destroyed")) return;
      this.tracker.restore(parsePersistedSyncState(store.storedSyncState));
      this.resolveLoaded();
      // Refused before the copy loaded (the member was removed): read it, never connect.
      this.move(this.isDenied() ? "denied" : this.browserOffline ? "offline" : "syncing");
      if (this.options.disableBc !== true && this.options.tabs !== false) {
        this.tabs.open();
        this.writer = DeviceWriterLock.request(this.options.deviceName ?? this.docName, (skipped) => skipped && store.storeWholeState());
      }
      this.events.emit("sync", true);
      if (this.lifecycle.is("syncing")) this.provider.connect();
      this.changed();
    });
  }

  /** What the relay's class rules refused this member here, or null (see access-refusal.ts). */
  accessRefusal(): AccessRefusal | null {
    return this.refusal;
  }

  private isDenied(): boolean {
    return this.refusal?.kind === "removed" || this.refusal?.kind === "no-access";
  }

  /**
   * The member may not read this document any more (4403 here, or her removal seen on another
   * socket): drop the socket for good and keep the device copy readable. Idempotent.
   */
  deny(refusal: AccessRefusal): void {
    if (this.lifecycle.is("destroyed") || this.isDenied()) return;
    this.refusal = refusal;
    this.relayError = accessRefusalMessage(refusal);
    this.provider.disconnect();
    if (this.lifecycle.canMove("denied") && this.lifecycle.loaded) this.move("denied");
    this.changed();
  }

  /** The relay says she may only read here (4533, or its access answer): the editor stops writing. */
  markReadOnly(kind: "locked" | "read-only-role"): void {
    if (this.isDenied() || this.refusal?.kind === kind) return;
    this.refusal = { kind };
    this.changed();
  }

  /** The relay says she may write here again (unlocked, promoted): editing resumes. */
  allowWriting(): void {
    if (!isReadOnlyRefusal(this.refusal)) return;
    this.refusal = null;
    this.changed();
  }

  /** Sends sync step 1 when the socket has been quiet; see WEB_LIMITS.keepAliveMs. */
  private keepAlive(): void {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    // wsLastMessageReceived is lib0's getUnixTime(): milliseconds.
    if (Date.now() - this.provider.wsLastMessageReceived < WEB_LIMITS.keepAliveMs) return;
    ws.send(encodeSyncStep1(this.doc));
  }

  /** Bumped by every new token; a socket remembers the one it opened with. */
  private tokenVersion = 0;
  private socketTokenVersion = 0;

  /** Uses a new token for the next connection (after a refresh). */
  setToken(token: string): void {
    this.tokenVersion++;
    this.token = token;
    this.provider.protocols = tokenSubprotocols(token);
    this.lastCloseCode = null; // A refusal of the old token says nothing about the new one.
    if (this.relayError !== null && this.lifecycle.is("syncing", "unavailable")) {
      this.relayError = null;
      if (this.lifecycle.is("unavailable")) this.move("syncing");
      this.provider.connect(); // y-websocket stops retrying after a 44xx close; a new token may fix it.
    }
  }

  /** Reconnect now instead of waiting out the backoff (the browser said it is online again). */
  reconnectNow(): void {
    this.browserOffline = false;
    if (this.lifecycle.is("offline")) this.move("syncing");
    if (!this.lifecycle.is("syncing", "unavailable") || this.provider.wsconnected) return;
    this.provider.disconnect();
    this.provider.connect();
  }

  /**
   * The browser says there is no network: drop the socket now. A half-open socket would
   * otherwise look "online" for up to 30 s (y-websocket's silence timeout) while nothing gets
   * through. `reconnectNow()` undoes it.
   */
  goOffline(): void {
    this.browserOffline = true;
    if (this.lifecycle.is("syncing", "unavailable")) this.move("offline");
    if (!this.lifecycle.is("destroyed")) this.provider.disconnect();
    this.changed();
  }

  connection(): ConnectionState {
    // Online = the relay accepted us and synced (an open socket may still be refused: 4401).
    if (this.provider.wsconnected && this.provider.synced) return "online";
    if (this.provider.wsconnected) return "connecting";
    if (this.browserOffline) return "offline";
    if (!this.everConnected && this.provider.wsUnsuccessfulReconnects === 0) return "connecting";
    return "offline";
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
        relayError: this.relayError,
        readOnly: this.refusal !== null,
        upstream: this.upstream?.level() ?? null,
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
    if (this.lifecycle.is("destroyed")) return;
    this.move("destroyed");
    this.resolveLoaded(); // Nobody waits forever on a released handle.
    this.provider.off("status", this.onStatus);
    this.provider.off("sync", this.onSync);
    this.provider.off("connection-close", this.onClose);
    if (this.keepAliveTimer !== null) clearInterval(this.keepAliveTimer);
    this.upstream?.close();
    const socket = this.provider.ws;
    this.provider.destroy();
    await whenSocketClosed(socket);
    this.awareness.destroy();
    this.stopWatching();
    this.tabs.close();
    this.writer?.close();
    await this.store?.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.options.onReleased?.();
  }

  get isReleased(): boolean {
    return this.lifecycle.is("destroyed");
  }

  private readonly onStatus = (event: { status: string }) => {
    if (event.status === "connecting") this.socketTokenVersion = this.tokenVersion;
    if (event.status === "connected") {
      this.everConnected = true;
      // Opt in to durability acks on every (re)connect; the relay forgets per connection.
      this.provider.ws?.send(ackSubscribeMessage());
    }
    this.events.emit("status", event);
    this.changed();
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) {
      this.relayError = null;
      this.lastCloseCode = null;
      this.tracker.markSent();
      if (this.lifecycle.is("unavailable")) this.move("syncing");
    }
    this.events.emit("sync", synced);
    this.changed();
  };

  private readonly onClose = (event: CloseEvent | null) => {
    // A socket that opened with the old token was refused after the refreshed one arrived
    // (setToken ran while it was still connecting): y-websocket stops after a 44xx close and
    // nothing would retry, so the doc stayed unsaved (e2e class-rules, eight days offline).
    if (event?.code === CloseCode.Unauthorized && this.socketTokenVersion !== this.tokenVersion) {
      setTimeout(() => {
        if (this.lifecycle.is("syncing", "unavailable")) this.provider.connect();
      }, 0);
      return;
    }
    this.lastCloseCode = event?.code ?? null;
    const refusal = event ? accessRefusalFromClose(event.code, event.reason) : null;
    if (refusal !== null && !isReadOnlyRefusal(refusal)) {
      this.deny(refusal); // No retry: the relay would refuse every reconnect (4403 is permanent).
      return;
    }
    if (refusal !== null) this.markReadOnly(refusal.kind as "locked" | "read-only-role");
    // Emitted before y-websocket counts the attempt and schedules the next one.
    if (event && refusalRepeats(event.code)) this.provider.wsUnsuccessfulReconnects = ATTEMPTS_FOR_LONGEST_BACKOFF;
    const message = event ? relayCloseMessage(event.code) : null;
    if (message !== null) {
      this.relayError = message;
      if (this.lifecycle.is("syncing")) this.move("unavailable");
    }
    this.changed();
  };

  /**
   * The relay said it is a classroom hub (relay info, issue 14): with `options.hubApiUrl`,
   * loads the third save level (its own chunk, so the first visit does not carry it). Edits
   * made before it loaded are covered: it starts unconfirmed until the hub says the school
   * server holds the whole document.
   */
  private onHub(): void {
    const apiUrl = this.options.hubApiUrl;
    if (apiUrl === undefined || this.hubAttaching) return;
    this.hubAttaching = true;
    import("./UpstreamSaveLevel.ts").then(
      ({ UpstreamSaveLevel }) => {
        if (this.isReleased) return;
        this.upstream = new UpstreamSaveLevel({
          apiUrl,
          docName: this.docName,
          token: () => this.token,
          hubHasAll: () => this.connection() === "online" && this.tracker.acks() > 0 && this.tracker.pendingChanges() === 0,
          onChange: () => this.changed(),
        });
        this.changed();
      },
      () => {
        this.hubAttaching = false; // The chunk did not load (the hub went away): at the next relay info.
      },
    );
  }

  private changed(): void {
    this.upstream?.update();
    for (const listener of [...this.listeners]) listener();
  }
}

/** The socket class y-websocket opens: a mux channel when asked (and the URL allows), else a socket. */
function socketClass(options: DocReplicaOptions): { WebSocketPolyfill?: typeof WebSocket } {
  const mux = options.mux === true ? muxSocketClass(options.relayUrl, options.WebSocketPolyfill ?? WebSocket) : null;
  const WebSocketPolyfill = mux ?? options.WebSocketPolyfill;
  return WebSocketPolyfill ? { WebSocketPolyfill } : {};
}
