/**
 * @module MuxConnection
 * One websocket to the relay's `/mux` endpoint per relay and token, carrying every document
 * of the page as a channel (issue 17 item 4: a reconnect opened ~15 sockets, each with an
 * ~1 KB upgrade). Channels are {@link MuxChannelSocket}s; this class owns the real socket,
 * numbers channels (never reusing an id: a closed channel's frames may still be in flight),
 * routes frames, and tells every channel when the socket goes.
 *
 * The socket opens with the first channel and closes {@link WEB_LIMITS.muxIdleCloseMs} after
 * the last one closed (background sync closes and opens documents back to back). A socket
 * that closed for any reason is forgotten: the next channel opens a new one, so y-websocket's
 * per-document reconnect backoff drives reconnects as it did with one socket per document.
 */
import { MAX_MUX_CHANNEL_ID, decodeMuxFrame, encodeMuxClose, encodeMuxData, encodeMuxOpen, tokenSubprotocols } from "@quire/core";
import { WEB_LIMITS } from "./web-limits.ts";

// lib0's encoder always returns a Uint8Array over a plain ArrayBuffer; the casts say so to the DOM types.

/** What a connection needs of a channel (MuxChannelSocket). */
export interface MuxChannelPeer {
  readonly docName: string;
  /** The socket is open and this channel's open frame has gone. */
  opened(): void;
  receive(payload: Uint8Array): void;
  /** The relay closed this channel, or the whole socket closed. */
  closed(code: number, reason: string): void;
  /** The socket reported an error (it closes next). */
  failed(): void;
}

export class MuxConnection {
  private static readonly live = new Map<string, MuxConnection>();
  private readonly ws: WebSocket;
  private readonly channels = new Map<number, MuxChannelPeer>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly key: string,
    url: string,
    token: string,
    WebSocketImpl: typeof WebSocket,
  ) {
    this.ws = new WebSocketImpl(url, tokenSubprotocols(token));
    this.ws.binaryType = "arraybuffer";
    this.ws.onopen = () => {
      for (const [id, channel] of this.channels) this.announce(id, channel);
    };
    this.ws.onmessage = (event: MessageEvent) => this.onFrame(new Uint8Array(event.data as ArrayBuffer));
    this.ws.onerror = () => {
      for (const channel of this.channels.values()) channel.failed();
    };
    this.ws.onclose = (event: CloseEvent) => {
      this.forgetSelf();
      const channels = [...this.channels.values()];
      this.channels.clear();
      for (const channel of channels) channel.closed(event.code, event.reason);
    };
  }

  /** The live connection for `url` + `token`, or a new one. */
  static for(url: string, token: string, WebSocketImpl: typeof WebSocket): MuxConnection {
    const key = `${url}\n${token}`;
    let connection = MuxConnection.live.get(key);
    if (!connection) {
      connection = new MuxConnection(key, url, token, WebSocketImpl);
      MuxConnection.live.set(key, connection);
    }
    return connection;
  }

  /** Opens a channel for `peer.docName`; returns its id. */
  open(peer: MuxChannelPeer): number {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    if (id > MAX_MUX_CHANNEL_ID) throw new Error("mux channel ids exhausted");
    this.channels.set(id, peer);
    if (this.ws.readyState === this.ws.OPEN) this.announce(id, peer);
    return id;
  }

  send(id: number, payload: Uint8Array): void {
    if (this.channels.has(id) && this.ws.readyState === this.ws.OPEN) this.ws.send(encodeMuxData(id, payload) as Uint8Array<ArrayBuffer>);
  }

  /** The client closes channel `id` (tells the relay when the socket is open). */
  close(id: number, code: number, reason: string): void {
    if (!this.channels.delete(id)) return;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeMuxClose(id, code, reason) as Uint8Array<ArrayBuffer>);
    if (this.channels.size === 0) {
      this.idleTimer = setTimeout(() => {
        this.forgetSelf();
        this.ws.close(1000, "idle");
      }, WEB_LIMITS.muxIdleCloseMs);
    }
  }

  private announce(id: number, peer: MuxChannelPeer): void {
    this.ws.send(encodeMuxOpen(id, peer.docName) as Uint8Array<ArrayBuffer>);
    // Like a socket's `open` event: after the current task, never inside open().
    queueMicrotask(() => {
      if (this.channels.get(id) === peer) peer.opened();
    });
  }

  private onFrame(bytes: Uint8Array): void {
    let frame: ReturnType<typeof decodeMuxFrame>;
    try {
      frame = decodeMuxFrame(bytes);
    } catch {
      this.ws.close(4400, "malformed mux frame from the relay");
      return;
    }
    const channel = this.channels.get(frame.channel);
    if (!channel) return;
    if (frame.kind === "data") channel.receive(frame.payload);
    else if (frame.kind === "close") {
      this.channels.delete(frame.channel);
      channel.closed(frame.code, frame.reason);
    }
  }

  private forgetSelf(): void {
    if (MuxConnection.live.get(this.key) === this) MuxConnection.live.delete(this.key);
  }
}
