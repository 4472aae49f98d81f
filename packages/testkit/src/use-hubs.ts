/**
 * @module use-hubs
 * A classroom hub and its upstream as two real relay processes (issue 14), for the hub tests.
 * `useHubs()` is `useRelays()` (every relay it started is stopped and its data removed after the
 * file or describe) plus `startHub`: a relay replicating with an upstream under a class's hub
 * credential, with replication timings fast enough for a test. The hub's status is read as its
 * operator does (`GET /api/hub/status` with the operator token in its data dir).
 *
 * @example
 * const relays = useHubs();
 * it("replicates", async () => {
 *   const upstream = await relays.start({ env: { CHECKPOINT_IDLE_MS: "600000" } });
 *   // … a class on the upstream (its id, a teacher token) …
 *   const hub = await relays.startHub(upstream, await issueHubCredential(upstream, classId, teacher));
 *   await firstHubPass(hub);
 * });
 */
import { readOperatorToken } from "@quire/auth";
import type { RelayProcess, RelayProcessOptions } from "./RelayProcess.ts";
import { waitFor } from "./stock-client.ts";
import { type Relay, type RelayPool, useRelays } from "./use-relay.ts";

/** A pass every 300 ms, 100 ms after a change, retries capped at 500 ms: a test waits seconds, not minutes. */
export const HUB_TEST_ENV: Readonly<Record<string, string>> = {
  UPSTREAM_SYNC_INTERVAL_MS: "300",
  UPSTREAM_CHANGE_DELAY_MS: "100",
  UPSTREAM_RETRY_MAX_MS: "500",
};

export interface HubPool extends RelayPool {
  /** A hub of `upstream` under `credential`: HUB_TEST_ENV, with `options.env` over it. */
  startHub(upstream: Relay, credential: string, options?: RelayProcessOptions): Promise<RelayProcess>;
}

/** The hub's replication status (apps/relay hub/Replicator.ts), as the tests read it. */
export interface HubStatus {
  state: string;
  lastSyncedAt: number | null;
  pendingDocs: number;
  bytesSent: number;
  bytesReceived: number;
  lastError: string | null;
}

export function useHubs(): HubPool {
  const pool = useRelays();
  return {
    start: (options) => pool.start(options),
    startHub: (upstream, credential, options = {}) =>
      pool.start({ ...options, env: { ...HUB_TEST_ENV, UPSTREAM_URL: upstream.httpUrl, UPSTREAM_CREDENTIAL: credential, ...options.env } }),
  };
}

/** A hub credential for `classId` issued by its teacher on `upstream` (throws unless issued). */
export async function issueHubCredential(upstream: Relay, classId: string, teacherToken: string, name = "Laptop"): Promise<string> {
  const response = await fetch(`${upstream.httpUrl}/api/workspaces/${classId}/hub-credential`, {
    method: "POST",
    headers: { authorization: `Bearer ${teacherToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { credential?: unknown };
  if (response.status !== 201 || typeof body.credential !== "string") throw new Error(`hub credential: ${response.status} ${JSON.stringify(body)}`);
  return body.credential;
}

export async function hubStatus(hub: RelayProcess): Promise<HubStatus> {
  const operator = readOperatorToken(hub.dataDir);
  const response = await fetch(`${hub.httpUrl}/api/hub/status`, operator ? { headers: { authorization: `Bearer ${operator}` } } : {});
  if (response.status !== 200) throw new Error(`hub status: ${response.status} ${await response.text()}`);
  return (await response.json()) as HubStatus;
}

/** Resolves with the status once the hub finished its first pass (perhaps before this was called). */
export async function firstHubPass(hub: RelayProcess, timeoutMs = 20_000): Promise<HubStatus> {
  let last: HubStatus | null = null;
  await waitFor(async () => {
    last = await hubStatus(hub);
    return last.lastSyncedAt !== null;
  }, timeoutMs, "the hub's first pass");
  return last as unknown as HubStatus;
}

/** Resolves with the status once the hub finished a whole pass that started after now. */
export async function nextHubPass(hub: RelayProcess, timeoutMs = 30_000): Promise<HubStatus> {
  const since = Date.now();
  let last: HubStatus | null = null;
  await waitFor(async () => {
    last = await hubStatus(hub);
    return last.state === "idle" && (last.lastSyncedAt ?? 0) > since + 50;
  }, timeoutMs, "a hub replication pass");
  return last as unknown as HubStatus;
}
