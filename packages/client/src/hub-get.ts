/**
 * @module hub-get
 * An authenticated GET to a classroom hub's API (its upstream report, its link status), for the
 * modules only a hub needs (UpstreamSaveLevel, hub-link-status.ts), which load only on a hub or
 * for its panel: the first visit does not carry them. Plain fetch, not relay-fetch.ts: importing that from these
 * lazy chunks made the bundler split the client's message catalog into a chunk of its own on
 * the first visit (+2 KB), and no message is shown from here anyway.
 */
import { WEB_LIMITS } from "./web-limits.ts";

/**
 * GET `path` on `hub` with `token` → its JSON; throws when it fails, times out or is not 2xx
 * (its callers keep their last answer and ask again later; they show no message).
 */
export async function hubGet(apiUrl: string, path: string, token: string): Promise<unknown> {
  const response = await fetch(`${apiUrl.replace(/\/+$/, "")}${path}`, {
    headers: { accept: "application/json", authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(WEB_LIMITS.apiTimeoutMs),
  });
  if (!response.ok) throw new Error(`the hub answered ${response.status}`);
  return response.json();
}
