/**
 * @module CountingProxy
 * A TCP proxy between Chromium and the relay that counts every byte both ways and can cut and
 * restore the link. Why a proxy and not CDP: `Network.emulateNetworkConditions` offline does
 * not cut sockets that are already open the way a dropped Wi-Fi link does, and CDP's
 * websocket frame events see payloads, not the HTTP upgrade or the framing. Here a
 * connection's first bytes tell whether it is a websocket (an `Upgrade: websocket` request),
 * so websocket wire bytes are counted apart from plain HTTP (API calls, app assets).
 *
 * While cut, every open connection is destroyed and new ones are accepted and destroyed at
 * once (as a link that is down: the browser sees its socket fail and retries with backoff).
 */
import { type AddressInfo, createServer, type Server, type Socket, connect } from "node:net";

export interface ProxyCounts {
  /** Bytes of websocket connections, both ways, HTTP upgrade and framing included. */
  websocketBytes: number;
  /** Bytes of every other connection (HTTP API calls, assets), both ways. */
  httpBytes: number;
  /** Websocket connections opened (upgrade requests seen). */
  websockets: number;
  /** Upgrade request + response bytes (the HTTP part of each websocket connection). */
  upgradeBytes: number;
  /** Request lines of the plain HTTP requests seen ("GET /api/…"), to say what they were. */
  httpRequests: string[];
}

interface Tracked {
  client: Socket;
  upstream: Socket;
  kind: "unknown" | "websocket" | "http";
  /** Upgrade bytes not yet seen to the end (request, then the 101 response). */
  requestOpen: boolean;
  responseOpen: boolean;
}

const HEADER_END = Buffer.from("\r\n\r\n");

export class CountingProxy {
  private readonly server: Server;
  private readonly open = new Set<Tracked>();
  private cut = false;
  counts: ProxyCounts = emptyCounts();

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Listens on a free local port and forwards to 127.0.0.1:`targetPort`. */
  static async start(targetPort: number): Promise<CountingProxy> {
    const proxy = new CountingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Websocket connections open through the proxy now. */
  get openWebsockets(): number {
    return [...this.open].filter((t) => t.kind === "websocket").length;
  }

  /** Starts a fresh count (e.g. when the link comes back). */
  reset(): ProxyCounts {
    const before = this.counts;
    this.counts = emptyCounts();
    return before;
  }

  /** Drops the link: every open connection is destroyed, new ones fail until restore(). */
  drop(): void {
    this.cut = true;
    for (const t of this.open) {
      t.client.destroy();
      t.upstream.destroy();
    }
    this.open.clear();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.cut) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, "127.0.0.1");
    const t: Tracked = { client, upstream, kind: "unknown", requestOpen: true, responseOpen: true };
    this.open.add(t);
    const end = () => {
      this.open.delete(t);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.on("data", (chunk: Buffer) => {
      if (t.kind === "unknown") t.kind = /^upgrade:\s*websocket/im.test(chunk.toString("latin1")) ? "websocket" : "http";
      if (t.kind === "websocket" && t.requestOpen) {
        if (isFirst(t)) this.counts.websockets++;
        this.counts.upgradeBytes += headerPart(chunk, () => (t.requestOpen = false));
      }
      if (t.kind === "http") {
        const line = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+)/.exec(chunk.toString("latin1"));
        if (line) this.counts.httpRequests.push(`${line[1]} ${line[2]?.split("?")[0]}`);
      }
      this.count(t, chunk.byteLength);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (t.kind === "websocket" && t.responseOpen) this.counts.upgradeBytes += headerPart(chunk, () => (t.responseOpen = false));
      this.count(t, chunk.byteLength);
      client.write(chunk);
    });
  }

  private count(t: Tracked, bytes: number): void {
    if (t.kind === "websocket") this.counts.websocketBytes += bytes;
    else this.counts.httpBytes += bytes;
  }
}

const counted = new WeakSet<Tracked>();
/** True the first time it is asked for `t` (one upgrade per connection). */
function isFirst(t: Tracked): boolean {
  if (counted.has(t)) return false;
  counted.add(t);
  return true;
}

/** Bytes of `chunk` up to and including the end of the HTTP header; calls `done` at the end. */
function headerPart(chunk: Buffer, done: () => void): number {
  const at = chunk.indexOf(HEADER_END);
  if (at < 0) return chunk.byteLength;
  done();
  return at + HEADER_END.byteLength;
}

function emptyCounts(): ProxyCounts {
  return { websocketBytes: 0, httpBytes: 0, websockets: 0, upgradeBytes: 0, httpRequests: [] };
}
