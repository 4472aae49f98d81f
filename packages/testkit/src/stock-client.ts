/**
 * @module stock-client
 * Stock y-websocket clients (the published `WebsocketProvider` with `ws` as the WebSocket),
 * exactly what a third-party Yjs app would use against the relay.
 */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen by the provider's socket (code and reason), newest last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** Connects a stock provider to `syncUrl/<docName>` with `token`. */
export function connectStockClient(
  syncUrl: string,
  docName: string,
  token: string | undefined,
  options: { doc?: Y.Doc; connect?: boolean; resyncInterval?: number } = {},
): StockClient {
  const doc = options.doc ?? new Y.Doc({ gc: false });
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    // The `ws` client is API-compatible with the browser WebSocket the provider expects.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token === undefined ? {} : { token },
    connect: options.connect ?? true,
    disableBc: true,
    resyncInterval: options.resyncInterval ?? -1,
    maxBackoffTime: 500,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  shareExitHandler(provider);
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The exit handlers of the stock clients not destroyed yet, run by one process listener. */
const exitHandlers = new Set<() => void>();
let exitListener = false;

/**
 * y-websocket adds a process `exit` listener per provider (it clears the client's presence at
 * exit) and removes it in destroy(). A benchmark with 29 classmates, or a test with a dozen
 * clients, passed Node's limit of 10 and printed MaxListenersExceededWarning. One listener runs
 * the handlers of every stock client still alive instead.
 */
function shareExitHandler(provider: WebsocketProvider): void {
  const handler = provider._exitHandler;
  process.off("exit", handler);
  exitHandlers.add(handler);
  if (!exitListener) {
    exitListener = true;
    process.on("exit", () => {
      for (const run of exitHandlers) run();
    });
  }
  const destroy = provider.destroy.bind(provider);
  provider.destroy = () => {
    exitHandlers.delete(handler);
    destroy();
  };
}

/**
 * What a fresh stock client of `docName` reads once synced, before it disconnects: the relay's
 * copy as any Yjs app would see it.
 */
export async function readWithStockClient<T>(syncUrl: string, docName: string, token: string | undefined, read: (doc: Y.Doc) => T, timeoutMs = 20_000): Promise<T> {
  const stock = connectStockClient(syncUrl, docName, token);
  try {
    await waitSynced(stock.provider, timeoutMs);
    return read(stock.doc);
  } finally {
    stock.destroy();
  }
}

/** Resolves when `provider` reports synced (sync step 2 received). */
export function waitSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return waitFor(() => provider.synced, timeoutMs, "provider never synced");
}

/** Polls `condition` every 10 ms until it holds or `timeoutMs` passes. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
