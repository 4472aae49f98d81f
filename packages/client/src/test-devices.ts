/**
 * @module test-devices
 * Test support (not shipped): each simulated device gets its own real IndexedDB implementation
 * (fake-indexeddb's FDBFactory) and real `ws` sockets that we count, so tests can assert how
 * many sockets background sync holds at once. On the `/mux` socket (issue 17) each document
 * channel counts as that document's socket: opened by its open frame, gone with its close
 * frame (either way) or the socket's close — what "a socket per document" meant before.
 */
import { IDBFactory as FDBFactory } from "fake-indexeddb";
import { WebSocket } from "ws";
import { MUX_PATH, decodeMuxFrame } from "@quire/core";

export interface Device {
  indexedDB: IDBFactory;
  WebSocketPolyfill: typeof globalThis.WebSocket;
  /** Sockets open now, by URL path (doc name). */
  open: Map<string, number>;
  /** Most sockets open at once for docs other than workspace indexes. */
  maxDocSockets(): number;
  /** Socket URLs in the order they were opened. */
  opened: string[];
}

export function createDevice(): Device {
  const open = new Map<string, number>();
  const opened: string[] = [];
  let max = 0;
  const docSockets = () => [...open].filter(([name]) => !/\/index(\/[^/]+)?$/.test(name)).reduce((n, [, c]) => n + c, 0);
  const opening = (name: string) => {
    opened.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    max = Math.max(max, docSockets());
  };
  const closing = (name: string) => open.set(name, (open.get(name) ?? 1) - 1);
  class CountingWebSocket extends WebSocket {
    private readonly channels = new Map<number, string>();
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const path = new URL(String(url)).pathname;
      if (path === MUX_PATH) {
        this.on("message", (data: Buffer) => this.seen(new Uint8Array(data)));
        this.once("close", () => {
          for (const id of [...this.channels.keys()]) this.release(id);
        });
        return;
      }
      const name = decodeURIComponent(path.replace(/^\/sync\//, ""));
      opening(name);
      this.once("close", () => closing(name));
    }
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array) this.seen(data);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
    /** A mux frame either way: an open or a close changes the count. */
    private seen(bytes: Uint8Array): void {
      if (new URL(this.url).pathname !== MUX_PATH) return;
      const frame = decodeMuxFrame(bytes);
      if (frame.kind === "open") {
        this.channels.set(frame.channel, frame.docName);
        opening(frame.docName);
      } else if (frame.kind === "close") this.release(frame.channel);
    }
    private release(id: number): void {
      const name = this.channels.get(id);
      if (name === undefined) return;
      this.channels.delete(id);
      closing(name);
    }
  }
  return {
    indexedDB: new FDBFactory() as unknown as IDBFactory,
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    open,
    opened,
    maxDocSockets: () => max,
  };
}

/** Polls until `condition` holds. Generous default: 2 shared cores, no timing assertions. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
