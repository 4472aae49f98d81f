/**
 * @module test-devices
 * Test support (not shipped): each simulated device gets its own real IndexedDB implementation
 * (fake-indexeddb's FDBFactory) and real `ws` sockets that we count, so tests can assert how
 * many sockets background sync holds at once.
 */
import { IDBFactory as FDBFactory } from "fake-indexeddb";
import { WebSocket } from "ws";

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
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const name = decodeURIComponent(new URL(String(url)).pathname.replace(/^\/sync\//, ""));
      opened.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      max = Math.max(max, docSockets());
      this.once("close", () => open.set(name, (open.get(name) ?? 1) - 1));
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
