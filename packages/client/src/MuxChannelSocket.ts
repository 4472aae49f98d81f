/**
 * @module MuxChannelSocket
 * A WebSocket-shaped document channel over the page's one `/mux` socket ({@link MuxConnection}),
 * given to y-websocket as its `WebSocketPolyfill`: providers, save states, close-code handling
 * and reconnect logic stay exactly as with one socket per document. `new` takes what
 * y-websocket passes (`<relayUrl>/<docName>` and the token subprotocols); the relay's close of
 * a channel arrives as this socket's `close` event with the same code and reason a
 * `/sync/<doc>` socket would have had.
 *
 * @example
 * new WebsocketProvider(relayUrl, docName, doc, { protocols: tokenSubprotocols(token), WebSocketPolyfill: muxSocketClass(relayUrl) });
 */
import { MUX_PATH, tokenFromSubprotocols } from "@quire/core";
import { type MuxChannelPeer, MuxConnection } from "./MuxConnection.ts";

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/**
 * The WebSocket class for documents of `relayUrl` (a `…/sync` URL) over one mux socket, or
 * null when the URL has no `/sync` path to put `/mux` beside (then use plain sockets).
 */
export function muxSocketClass(relayUrl: string, WebSocketImpl: typeof WebSocket = WebSocket): typeof WebSocket | null {
  const base = relayUrl.replace(/\/+$/, "");
  if (!/\/sync$/.test(base)) return null;
  const muxUrl = base.replace(/\/sync$/, MUX_PATH);
  class BoundMuxChannelSocket extends MuxChannelSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(muxUrl, base, String(url), protocols, WebSocketImpl);
    }
  }
  return BoundMuxChannelSocket as unknown as typeof WebSocket;
}

export class MuxChannelSocket extends EventTarget implements MuxChannelPeer {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSING = CLOSING;
  readonly CLOSED = CLOSED;
  readonly docName: string;
  readonly url: string;
  readyState: number = CONNECTING;
  binaryType: BinaryType = "arraybuffer";
  readonly protocol = "";
  readonly extensions = "";
  readonly bufferedAmount = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly connection: MuxConnection;
  private readonly id: number;

  constructor(muxUrl: string, relayBase: string, url: string, protocols: string | string[] | undefined, WebSocketImpl: typeof WebSocket) {
    super();
    this.url = url;
    const prefix = `${relayBase}/`;
    if (!url.startsWith(prefix)) throw new Error(`${url} is not a document of ${relayBase}`);
    this.docName = url.slice(prefix.length);
    const offered = protocols === undefined ? [] : typeof protocols === "string" ? [protocols] : protocols;
    this.connection = MuxConnection.for(muxUrl, tokenFromSubprotocols(offered) ?? "", WebSocketImpl);
    this.id = this.connection.open(this);
  }

  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    if (this.readyState !== OPEN) return;
    if (typeof data === "string" || data instanceof Blob) throw new Error("mux channels carry binary messages only");
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    this.connection.send(this.id, bytes);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    this.readyState = CLOSING;
    this.connection.close(this.id, code, reason);
    // A local close has no handshake to wait for: the socket stays open for the others.
    setTimeout(() => this.closed(code, reason), 0);
  }

  opened(): void {
    if (this.readyState !== CONNECTING) return;
    this.readyState = OPEN;
    this.fire(new Event("open"), this.onopen);
  }

  receive(payload: Uint8Array): void {
    if (this.readyState !== OPEN) return;
    // y-websocket reads `new Uint8Array(event.data)`: an ArrayBuffer of just this payload.
    const data = payload.slice().buffer;
    this.fire(new MessageEvent("message", { data }), this.onmessage);
  }

  closed(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    const event = Object.assign(new Event("close"), { code, reason, wasClean: code !== 1006 }) as CloseEvent;
    this.fire(event, this.onclose);
  }

  failed(): void {
    if (this.readyState !== CLOSED) this.fire(new Event("error"), this.onerror);
  }

  private fire<E extends Event>(event: E, handler: ((event: E) => void) | null): void {
    handler?.call(this as unknown as WebSocket, event);
    this.dispatchEvent(event);
  }
}
