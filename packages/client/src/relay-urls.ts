/**
 * @module relay-urls
 * Where a session finds the relay when the app does not say: the page's own origin (the relay
 * serves the app), its websocket base at `/sync`, and its HTTP API at the same origin.
 */

/** Websocket base, `ws(s)://<this origin>/sync` (a local relay's default port outside a browser). */
export function defaultRelayUrl(): string {
  const origin = (globalThis as { location?: Location }).location?.origin ?? "http://127.0.0.1:8787";
  return `${origin.replace(/^http/, "ws")}/sync`;
}

/** The relay's HTTP origin for a websocket base such as `wss://host/sync`. */
export function apiUrlFrom(relayUrl: string): string {
  return relayUrl.replace(/^ws/, "http").replace(/\/sync\/?$/, "");
}
