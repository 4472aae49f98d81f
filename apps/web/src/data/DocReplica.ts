/**
 * @module DocReplica
 * One document on this device: a Yjs doc (history kept, gc off) with its device copy
 * ({@link DeviceStore}, IndexedDB) and its relay connection (y-websocket, token in the URL).
 * Implements the app's DocHandle; background sync uses it too, without an editor.
 *
 * Order matters (the "empty doc overwrites real content" trap): nothing connects to the relay
 * before the device copy is applied, so an empty in-memory doc never syncs first.
 * Save state: device = IndexedDB has every change (writes counted until committed); relay =
 * the relay acked (Quire message 100) every local change, see {@link SaveTracker}.
 */
import { CloseCode, MessageType, createQuireDoc, decodeQuireMessage, encodeAckSubscribe } from "@quire/core";
import type * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { Awareness } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { DeviceStore } from "./DeviceStore.ts";
import { LexicalProviderAdapter } from "./LexicalProviderAdapter.ts";
import { SaveTracker, parsePersistedSyncState } from "./SaveTracker.ts";
import { StorageMonitor } from "./StorageMonitor.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export type ConnectionState = "connecting" | "online" | "offline";

export interface SaveState {
  device: "loading" | "saved" | "error";
  relay: "saved" | "pending" | "offline" | "connecting";
  pendingChanges: number;
  error?: string;
}

export interface DocHandle {
  docName: string;
  doc: Y.Doc;
  lexicalProvider: unknown;
  awareness: Awareness;
  saveState(): SaveState;
  subscribe(listener: () => void): () => void;
  whenLoaded: Promise<void>;
  release(): void;
}

export interface DocReplicaOptions {
  docName: string;
  /** Base websocket URL; the provider appends `/<docName>`. */
  relayUrl: string;
  token: string;
  /** Start loading now (background sync); otherwise the editor's `connect()` or `start()` does. */
  start?: boolean;
  /** Show this device in presence (editor) or not (background sync). */
  presence?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  /** Cross-tab BroadcastChannel sync (on in the app, off in tests that share one process). */
  disableBc?: boolean;
  /** IndexedDB to keep the device copy in (default the global one; tests give each "device" its own). */
  indexedDB?: IDBFactory;
  /** Keep an idle socket alive (default true; background sync's short-lived sockets skip it). */
  keepAlive?: boolean;
  /** Called once after `release()` finished closing. */
  onReleased?: (replica: DocReplica) => void;
}

const RELAY_ERRORS: Partial<Record<number, string>> = {
  [CloseCode.Unauthorized]: "The relay refused your access token. Reopen the workspace or join again with a code.",
  [CloseCode.Forbidden]: "You no longer have access to this workspace. Ask its owner for a new join code.",
  [CloseCode.MessageTooBig]: "A change is too big for the relay (over its size limit), so it can't be saved there.",
  [CloseCode.DocUnavailable]: "The relay can't open this document right now. Your changes are safe on this device.",
  [CloseCode.StorageFull]: "The relay's storage is full. Your changes are safe on this device until it has space.",
  [CloseCode.TooManyConnections]: "Too many connections from this network. Quire keeps trying.",
};

/** Longest wait for a closing socket's close handshake (a dead network never completes it). */
const SOCKET_CLOSE_WAIT_MS = 3_000;

export class DocReplica implements DocHandle {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly provider: WebsocketProvider;
  readonly lexicalProvider: LexicalProviderAdapter;
  readonly tracker = new SaveTracker();
  readonly whenLoaded: Promise<void>;
  private store: DeviceStore | null = null;
  private resolveLoaded!: () => void;
  private started = false;
  private released = false;
  private everConnected = false;
  private hadDeviceError = false;
  private loadedOnce = false;
  private browserOffline = false;
  /** Close code of the last socket the relay closed (null: closed by us or the network). */
  lastCloseCode: number | null = null;
  private relayError: string | null = null;
  private cached: SaveState | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly options: DocReplicaOptions;

  constructor(options: DocReplicaOptions) {
    this.options = options;
    this.docName = options.docName;
    this.doc = createQuireDoc({ guid: options.docName });
    this.awareness = new Awareness(this.doc);
    if (options.presence === false) this.awareness.setLocalState(null);
    this.provider = new WebsocketProvider(options.relayUrl, options.docName, this.doc, {
      connect: false,
      awareness: this.awareness,
      params: { token: options.token },
      maxBackoffTime: WEB_LIMITS.maxReconnectBackoffMs,
      disableBc: options.disableBc ?? false,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.lexicalProvider = new LexicalProviderAdapter(this.awareness, () => this.start());
    this.whenLoaded = new Promise((resolve) => {
      this.resolveLoaded = resolve;
    });
    this.installAckHandler();
    // Registered before the DeviceStore's listener, so the sync state it stores includes this change.
    this.doc.on("update", this.onUpdate);
    this.doc.on("afterTransaction", this.onTransaction);
    this.doc.on("afterTransactionCleanup", this.onAfterTransaction);
    this.provider.on("status", this.onStatus);
    this.provider.on("sync", this.onSync);
    this.provider.on("connection-close", this.onClose);
    if (options.keepAlive !== false) {
      this.keepAliveTimer = setInterval(() => this.keepAlive(), WEB_LIMITS.keepAliveMs / 2);
    }
    if (options.start) this.start();
  }

  private keepAliveTimer: ReturnType<typeof setInterval> | null = null;

  /** Loads the device copy, then connects to the relay. Idempotent. */
  start(): void {
    if (this.started || this.released) return;
    this.started = true;
    const store = new DeviceStore(this.docName, this.doc, {
      syncState: () => this.tracker.persisted(),
      ...(this.options.indexedDB ? { indexedDB: this.options.indexedDB } : {}),
      onChange: () => {
        if (this.hadDeviceError && store.error === null) StorageMonitor.broadcastWriteOk();
        this.hadDeviceError = store.error !== null;
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
      if (this.released) return;
      this.tracker.restore(parsePersistedSyncState(store.storedSyncState));
      this.resolveLoaded();
      this.loadedOnce = true;
      this.lexicalProvider.emit("sync", true);
      if (!this.browserOffline) this.provider.connect();
      this.changed();
    });
  }

  /** Sends sync step 1 when the socket has been quiet for a while; see WEB_LIMITS.keepAliveMs. */
  private keepAlive(): void {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    // wsLastMessageReceived is lib0's getUnixTime(): milliseconds.
    if (Date.now() - this.provider.wsLastMessageReceived < WEB_LIMITS.keepAliveMs) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>);
  }

  /** Uses a new token for the next connection (after a refresh). */
  setToken(token: string): void {
    this.provider.params = { token };
    this.lastCloseCode = null; // A refusal of the old token says nothing about the new one.
    if (this.relayError !== null && this.loadedOnce && !this.released && !this.browserOffline) {
      this.relayError = null;
      this.provider.connect(); // y-websocket stops retrying after a 44xx close; a new token may fix it.
    }
  }

  /** Reconnect now instead of waiting out the backoff (the browser said it is online again). */
  reconnectNow(): void {
    this.browserOffline = false;
    if (!this.loadedOnce || this.released || this.provider.wsconnected) return;
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
    if (!this.released) this.provider.disconnect();
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
    const pendingChanges = this.tracker.pendingChanges();
    const loaded = store?.loaded ?? false;
    const device: SaveState["device"] = !loaded ? "loading" : store?.error ? "error" : "saved";
    const connection = this.connection();
    // "saved" only while connected: offline, the UI says "offline" (and how many changes wait).
    const relay: SaveState["relay"] = !loaded
      ? "connecting"
      : connection !== "online"
        ? connection
        : pendingChanges === 0
          ? "saved"
          : "pending";
    const error = store?.error ?? this.relayError ?? undefined;
    const prev = this.cached;
    if (prev && prev.device === device && prev.relay === relay && prev.pendingChanges === pendingChanges && prev.error === error) {
      return prev; // Same object while nothing changed, as useSyncExternalStore requires.
    }
    this.cached = { device, relay, pendingChanges, ...(error === undefined ? {} : { error }) };
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
    if (this.released) return;
    this.released = true;
    this.resolveLoaded(); // Nobody waits forever on a released handle.
    this.provider.off("status", this.onStatus);
    this.provider.off("sync", this.onSync);
    this.provider.off("connection-close", this.onClose);
    if (this.keepAliveTimer !== null) clearInterval(this.keepAliveTimer);
    const socket = this.provider.ws;
    this.provider.destroy();
    // Resolve only once the socket is really closed, so a caller that bounds open sockets
    // (background sync) never holds more than its limit, closing ones included.
    if (socket && socket.readyState !== socket.CLOSED) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SOCKET_CLOSE_WAIT_MS);
        socket.addEventListener("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.awareness.destroy();
    this.doc.off("update", this.onUpdate);
    this.doc.off("afterTransaction", this.onTransaction);
    this.doc.off("afterTransactionCleanup", this.onAfterTransaction);
    await this.store?.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.options.onReleased?.(this);
  }

  get isReleased(): boolean {
    return this.released;
  }

  // Local = not from the relay (provider, incl. BroadcastChannel) and not from the device copy.
  // Not `tr.local`: the editor may bridge its own edits in through applyUpdate (a mirror doc).
  private readonly onUpdate = (_update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => {
    if (origin === this.provider || origin === this.store) return;
    // Every client whose clock advanced made a change here (a bridged editor doc may use its
    // own id); none advanced → a delete-only change.
    let inserted = false;
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after > before) {
        inserted = true;
        this.tracker.recordLocal(client, before, after, this.provider.synced);
      }
    }
    if (!inserted) this.tracker.recordLocal(doc.clientID, 0, 0, this.provider.synced);
    this.changed();
  };

  /**
   * A transaction that came neither from the relay nor from the device copy is this person's
   * edit, even when the editor bridges it in with `Y.applyUpdate` from a mirror doc that shares
   * our client id. Marked local, Yjs does not mistake our own id in it for another client's and
   * keeps the doc's client id (which awareness, cursors and undo are keyed by). It must happen in
   * `afterTransaction`: applyUpdate forces `local = false` inside its transaction, and Yjs checks
   * the flag after the `afterTransaction` listeners ran.
   */
  private readonly onTransaction = (tr: Y.Transaction) => {
    if (!tr.local && tr.origin !== this.provider && tr.origin !== this.store) tr.local = true;
  };

  /**
   * Yjs gives the doc a new client id when a non-local transaction adds content under the
   * current id (e.g. an editor mirror doc sharing the id bridged in with applyUpdate). The
   * awareness keeps the old id, and y-websocket then throws on its next connect while encoding
   * our awareness state; follow the doc's id so presence keeps working.
   */
  private readonly onAfterTransaction = () => {
    if (this.awareness.clientID === this.doc.clientID) return;
    const state = this.awareness.getLocalState();
    this.awareness.setLocalState(null);
    this.awareness.clientID = this.doc.clientID;
    this.awareness.setLocalState(state);
  };

  private readonly onStatus = (event: { status: string }) => {
    if (event.status === "connected") {
      this.everConnected = true;
      // Opt in to durability acks on every (re)connect; the relay forgets per connection.
      this.provider.ws?.send(encodeAckSubscribe() as Uint8Array<ArrayBuffer>);
    }
    this.lexicalProvider.emit("status", event);
    this.changed();
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) {
      this.relayError = null;
      this.lastCloseCode = null;
      this.tracker.markSent();
    }
    this.lexicalProvider.emit("sync", synced);
    this.changed();
  };

  private readonly onClose = (event: CloseEvent | null) => {
    this.lastCloseCode = event?.code ?? null;
    if (event && RELAY_ERRORS[event.code] !== undefined) this.relayError = RELAY_ERRORS[event.code] ?? null;
    this.changed();
  };

  private installAckHandler(): void {
    const handlers = this.provider.messageHandlers as unknown as ((
      encoder: unknown,
      decoder: decoding.Decoder,
      provider: WebsocketProvider,
      emitSynced: boolean,
      messageType: number,
    ) => void)[];
    handlers[MessageType.Quire] = (_encoder, decoder) => {
      try {
        const message = decodeQuireMessage(decoder);
        if (message.kind !== "ack") return;
        this.tracker.ack(Y.decodeStateVector(message.stateVector));
      } catch {
        return; // A malformed ack confirms nothing.
      }
      this.store?.writeSyncState();
      this.changed();
    };
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
