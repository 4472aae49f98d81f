/**
 * @module hub-get
 * An authenticated GET to a classroom hub's API (its upstream report, its link status), for the
 * modules only a hub needs (UpstreamSaveLevel, hub-link-status.ts): apart from HubLink so the
 * first visit does not carry it.
 */
import type { HubLink } from "./HubLink.ts";
import { relayFetch } from "./relay-fetch.ts";
import { WEB_LIMITS } from "./web-limits.ts";

/**
 * GET `path` on `hub` with `token` → its JSON; throws when it fails or is not 2xx (an Error
 * naming the status: its callers keep their last answer and ask again, they show no message).
 */
export async function hubGet(hub: HubLink, path: string, token: string): Promise<unknown> {
  const response = await relayFetch("GET", `${hub.baseUrl}${path}`, {
    fetchImpl: (input, init) => globalThis.fetch(input, init),
    timeoutMs: WEB_LIMITS.apiTimeoutMs,
    token,
  });
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new Error(`the hub answered ${response.status}`);
  return data;
}
