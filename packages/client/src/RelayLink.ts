/**
 * @module RelayLink
 * A {@link DocReplica}'s connection to the relay, the I/O half of the replica: the y-websocket
 * provider (a socket of its own, or a channel of the page's `/mux` socket), the token it opens
 * with, keep-alive, and the connection state the save state shows. It reports the provider's
 * status, sync and close events to the replica, which decides what they mean for its lifecycle.
 *
 * Invariants:
 * - The token travels in the handshake's subprotocol header, not the URL: Chromium prints a
 *   failed socket's URL in the console (issue 10; @quire/core token-subprotocol.ts).
 * - Every (re)connect opts in to durability acks (`[100,0]`): the relay forgets per connection.
 * - Live updates wait until this socket sent its sync step 2 (sync-step2-gate.ts): sent earlier,
 *   one could reach the relay ahead of the offline content it builds on (refused: 4400). Another
 *   tab's edits are never sent: that tab did (relay-withhold.ts).
 * - A 4401 close of a socket that opened with an older token than the current one is retried at
 *   once with the new token and never reported: y-websocket stops after a 44xx close, so a
 *   refresh that arrived while the old socket was still connecting left the doc unsaved (e2e
 *   class-rules, eight days offline).
 */
import { CloseCode, tokenSubprotocols } from "@quire/core";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { ConnectionState } from "./doc-handle.ts";
import type { DocReplicaOptions } from "./doc-replica-options.ts";
import { muxSocketClass } from "./MuxChannelSocket.ts";
import { ackSubscribeMessage, encodeSyncStep1, onQuireAck } from "./relay-messages.ts";
import { withholdFromRelay } from "./relay-withhold.ts";
import { whenSocketClosed } from "./socket-close.ts";
import { trackSyncStep2 } from "./sync-step2-gate.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface RelayLinkEvents {
  status(event: { status: string }): void;
  sync(synced: boolean): void;
  /** The relay or the network closed the socket (a stale token's 4401 is handled here, not reported). */
  close(event: CloseEvent | null): void;
  /** The relay durably stored everything up to this state vector (Quire ack). */
  ack(stateVector: Map<number, number>): void;
  /** The relay said it is a classroom hub (relay info). */
  hub(): void;
  /** Whether an update with this origin was sent by another tab (and must not be sent here). */
  sentElsewhere(origin: unknown): boolean;
  /** Whether the replica still wants a socket (its lifecycle is syncing or unavailable). */
  wantsSocket(): boolean;
}

export class RelayLink {
  readonly provider: WebsocketProvider;
  /** Close code of the last socket the relay closed (null: closed by us or the network). */
  lastCloseCode: number | null = null;
  /** The token the next socket opens with. */
  token: string;
  /** History, for connection(): "connecting" until the first socket opened or failed. */
  private everConnected = false;
  /** Bumped by every new token; a socket remembers the one it opened with. */
  private tokenVersion = 0;
  private socketTokenVersion = 0;
  private readonly keepAliveTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    options: DocReplicaOptions,
    private readonly doc: Y.Doc,
    awareness: Awareness,
    private readonly events: RelayLinkEvents,
  ) {
    this.token = options.token;
    this.provider = new WebsocketProvider(options.relayUrl, options.docName, doc, {
      connect: false,
      awareness,
      protocols: tokenSubprotocols(options.token),
      maxBackoffTime: WEB_LIMITS.maxReconnectBackoffMs,
      disableBc: true, // Our TabChannel instead: see its module doc for why.
      ...socketClass(options),
    });
    // y-websocket's disconnect() announces "this client left" over the socket (disconnectBc);
    // with the broadcast channel off that is all disconnectBc does, and a replica without
    // presence never said it was there: ~25 bytes per background document per walk (issue 17).
    if (options.presence === false) this.provider.disconnectBc = () => {};
    const step2Sent = trackSyncStep2(this.provider);
    withholdFromRelay(this.provider, (origin) => events.sentElsewhere(origin) || !step2Sent());
    onQuireAck(this.provider, events.ack, events.hub);
    this.provider.on("status", this.onStatus);
    this.provider.on("sync", this.onSync);
    this.provider.on("connection-close", this.onClose);
    if (options.keepAlive !== false) {
      this.keepAliveTimer = setInterval(() => this.keepAlive(), WEB_LIMITS.keepAliveMs / 2);
    }
  }

  connection(browserOffline: boolean): ConnectionState {
    // Online = the relay accepted us and synced (an open socket may still be refused: 4401).
    if (this.provider.wsconnected && this.provider.synced) return "online";
    if (this.provider.wsconnected) return "connecting";
    if (browserOffline) return "offline";
    if (!this.everConnected && this.provider.wsUnsuccessfulReconnects === 0) return "connecting";
    return "offline";
  }

  /** Uses a new token for the next connection (after a refresh). */
  setToken(token: string): void {
    this.tokenVersion++;
    this.token = token;
    this.provider.protocols = tokenSubprotocols(token);
    this.lastCloseCode = null; // A refusal of the old token says nothing about the new one.
  }

  /** Stops listening and destroys the provider; resolves once its socket is really closed. */
  async close(): Promise<void> {
    this.provider.off("status", this.onStatus);
    this.provider.off("sync", this.onSync);
    this.provider.off("connection-close", this.onClose);
    if (this.keepAliveTimer !== null) clearInterval(this.keepAliveTimer);
    const socket = this.provider.ws;
    this.provider.destroy();
    await whenSocketClosed(socket);
  }

  /** Sends sync step 1 when the socket has been quiet; see WEB_LIMITS.keepAliveMs. */
  private keepAlive(): void {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    // wsLastMessageReceived is lib0's getUnixTime(): milliseconds.
    if (Date.now() - this.provider.wsLastMessageReceived < WEB_LIMITS.keepAliveMs) return;
    ws.send(encodeSyncStep1(this.doc));
  }

  private readonly onStatus = (event: { status: string }) => {
    if (event.status === "connecting") this.socketTokenVersion = this.tokenVersion;
    if (event.status === "connected") {
      this.everConnected = true;
      this.provider.ws?.send(ackSubscribeMessage());
    }
    this.events.status(event);
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) this.lastCloseCode = null;
    this.events.sync(synced);
  };

  private readonly onClose = (event: CloseEvent | null) => {
    if (event?.code === CloseCode.Unauthorized && this.socketTokenVersion !== this.tokenVersion) {
      setTimeout(() => {
        if (this.events.wantsSocket()) this.provider.connect();
      }, 0);
      return;
    }
    this.lastCloseCode = event?.code ?? null;
    this.events.close(event);
  };
}

/** The socket class y-websocket opens: a mux channel when asked (and the URL allows), else a socket. */
function socketClass(options: DocReplicaOptions): { WebSocketPolyfill?: typeof WebSocket } {
  const mux = options.mux === true ? muxSocketClass(options.relayUrl, options.WebSocketPolyfill ?? WebSocket) : null;
  const WebSocketPolyfill = mux ?? options.WebSocketPolyfill;
  return WebSocketPolyfill ? { WebSocketPolyfill } : {};
}
