/**
 * @module relay-fetch
 * One HTTP request to the relay's API, shared by ApiClient, HistoryClient and ClassClient:
 * a JSON body, a bearer token, a time limit, and the failures a student can act on as
 * ApiErrors in the interface language — "timeout", and "offline" (no network at all) vs
 * "unreachable" (a network, but no relay). A response, ok or not, is returned as it is.
 */
import { ApiError } from "./ApiError.ts";
import { t } from "./client-messages.ts";

export interface RelayFetchOptions {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  body?: unknown;
  token?: string;
  accept?: string;
}

export async function relayFetch(method: string, url: string, options: RelayFetchOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    return await options.fetchImpl(url, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: controller.signal,
    });
  } catch {
    if (controller.signal.aborted) throw new ApiError(0, "timeout", t("api.timeout"));
    // The browser knows whether it has a network at all; a failed request with one means the relay.
    const browserOffline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
    throw new ApiError(0, "offline", browserOffline ? t("api.offline") : t("api.unreachable"));
  } finally {
    clearTimeout(timer);
  }
}
