/**
 * @module request-timeouts
 * Node HTTP server options that bound how long one request may take to arrive (security
 * finding S7: Node's default `requestTimeout` kept a trickled request body, and its socket,
 * for 300 s). `requestTimeout` covers headers and body together and answers 408;
 * `headersTimeout` may not exceed it (Node refuses the options otherwise). Node checks both
 * only every `connectionsCheckingInterval` (default 30 s), so that interval shrinks with the
 * timeout. Websockets are not affected: an upgraded socket has left the HTTP parser.
 *
 * @example serve({ fetch, port, serverOptions: requestTimeoutOptions(30_000) })
 */
import type { ServerOptions } from "node:http";

/** Node's headers timeout, kept unless the whole-request timeout is shorter. */
const HEADERS_TIMEOUT_MS = 60_000;

export function requestTimeoutOptions(requestTimeoutMs: number): ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(requestTimeoutMs / 4))),
  };
}
