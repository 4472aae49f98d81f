/**
 * @module hub-link-status
 * A classroom hub's link to the school server as the teacher's dashboard shows it (issue 14,
 * `GET /api/hub/status`), validated before use. Its own module
 * so only the dashboard's hub panel carries it.
 */
import { hubGet } from "./hub-get.ts";

export interface HubLinkStatus {
  state: "starting" | "syncing" | "idle" | "offline";
  /** When every document was last in sync with the school server (ms since epoch). */
  lastSyncedAt: number | null;
  lastError: string | null;
  /** Documents found different and not yet synced. */
  pendingDocs: number;
  bytesSent: number;
  bytesReceived: number;
}

/** Longest error text kept (the hub caps its own at 2,000 characters). */
const MAX_ERROR_LENGTH = 2_000;
const STATES = new Set(["starting", "syncing", "idle", "offline"]);

/**
 * The hub's link status from the relay at `apiUrl`; null when the relay is not a hub. Throws
 * when it cannot be asked or answers something else.
 */
export async function fetchHubLinkStatus(apiUrl: string, token: string): Promise<HubLinkStatus | null> {
  const answer = (await hubGet(apiUrl, "/api/hub", token)) as { hub?: unknown } | null;
  if (answer?.hub !== true) return null; // Asked first: a relay that is not a hub answers the status 404.
  const status = parseHubLinkStatus(await hubGet(apiUrl, "/api/hub/status", token));
  if (!status) throw new Error("the hub's status is not understood");
  return status;
}

export function parseHubLinkStatus(data: unknown): HubLinkStatus | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  const count = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
  if (typeof d.state !== "string" || !STATES.has(d.state)) return null;
  if (!(d.lastSyncedAt === null || count(d.lastSyncedAt))) return null;
  if (!(d.lastError === null || typeof d.lastError === "string")) return null;
  if (!count(d.pendingDocs) || !count(d.bytesSent) || !count(d.bytesReceived)) return null;
  return {
    state: d.state as HubLinkStatus["state"],
    lastSyncedAt: d.lastSyncedAt as number | null,
    lastError: d.lastError === null ? null : (d.lastError as string).slice(0, MAX_ERROR_LENGTH),
    pendingDocs: d.pendingDocs as number,
    bytesSent: d.bytesSent as number,
    bytesReceived: d.bytesReceived as number,
  };
}
