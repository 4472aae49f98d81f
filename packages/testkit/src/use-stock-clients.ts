/**
 * @module use-stock-clients
 * Stock clients a test file connects and never leaks: `useStockClients()` registers an
 * `afterEach` (or, with `"all"`, an `afterAll`) that destroys every client connected through it,
 * so a failed assertion cannot leave sockets open into the next test.
 *
 * @example
 * const clients = useStockClients();
 * const ana = clients.connect(hub, doc, anaToken); // destroyed after the test
 */
import { afterAll, afterEach } from "vitest";
import { type StockClient, connectStockClient } from "./stock-client.ts";

export interface StockClients {
  /** A stock client of `doc` on `relay` with `token`, destroyed after the test (or file). */
  connect(relay: { syncUrl: string }, doc: string, token: string): StockClient;
  /** Destroys `client` with the others (one connected some other way). */
  track(client: StockClient): StockClient;
  /** Destroys every client now (before a restart in the middle of a test). */
  destroyAll(): void;
}

export function useStockClients(after: "each" | "all" = "each"): StockClients {
  const clients: StockClient[] = [];
  const destroyAll = () => {
    for (const client of clients.splice(0)) client.destroy();
  };
  if (after === "each") afterEach(destroyAll);
  else afterAll(destroyAll);
  const track = (client: StockClient) => {
    clients.push(client);
    return client;
  };
  return { connect: (relay, doc, token) => track(connectStockClient(relay.syncUrl, doc, token)), track, destroyAll };
}
