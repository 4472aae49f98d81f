/**
 * @module doc-replica-options
 * How a DocReplica is made: which document, which relay and token, and which of its
 * parts this use needs (presence for the editor, none of it for background sync).
 */
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
  /**
   * Carry this document as a channel of the page's one `/mux` socket (MuxChannelSocket.ts)
   * instead of a socket of its own; `WebSocketPolyfill`, when given, is the socket under it.
   */
  mux?: boolean;
  /** Turns off the tabs' channel ({@link TabChannel}; on in the app, off in tests that share one process). */
  disableBc?: boolean;
  /** Join the other tabs' channel (default true; background sync's short-lived replicas skip it). */
  tabs?: boolean;
  /** IndexedDB to keep the device copy in (default the global one; tests give each "device" its own). */
  indexedDB?: IDBFactory;
  /** The device copy's database name (default `docName`; one per person on a shared computer, see device-copy-name.ts). */
  deviceName?: string;
  /** Keep an idle socket alive (default true; background sync's short-lived sockets skip it). */
  keepAlive?: boolean;
  /**
   * HTTP origin of the relay's API: on a classroom hub (it says so on the socket) the replica
   * asks it what the school server holds, the editor's third save level (issue 14). Unset: no
   * third level (background sync).
   */
  hubApiUrl?: string;
  /** Called once after `release()` finished closing. */
  onReleased?: () => void;
}
