/**
 * @module hub-reports
 * The classroom hub's answers (issue 14), validated before use (the relay is a trust boundary):
 * `GET /api/hub` (is this relay a hub), `GET /api/hub/upstream` (what the school server holds
 * of one document) and `GET /api/hub/status` (the hub's link, for the teacher's dashboard).
 */

export interface HubUpstreamReport {
  inSync: boolean;
  /** Client id → the upstream's clock for it, for the ids asked. */
  clocks: Map<number, number>;
}

/** The hub's link as the teacher's dashboard shows it. */
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

/** `{ hub: boolean }` → the boolean; anything else → null. */
export function parseHubAnswer(data: unknown): boolean | null {
  const hub = (data as { hub?: unknown } | null)?.hub;
  return typeof hub === "boolean" ? hub : null;
}

/** A report about `doc` naming only the client ids asked; anything else → null. */
export function parseHubUpstreamReport(data: unknown, doc: string, asked: readonly number[]): HubUpstreamReport | null {
  if (typeof data !== "object" || data === null) return null;
  const { doc: name, inSync, clocks } = data as { doc?: unknown; inSync?: unknown; clocks?: unknown };
  if (name !== doc || typeof inSync !== "boolean" || typeof clocks !== "object" || clocks === null) return null;
  const wanted = new Set(asked);
  const parsed = new Map<number, number>();
  for (const [key, value] of Object.entries(clocks)) {
    const client = Number(key);
    if (!wanted.has(client) || typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) return null;
    parsed.set(client, value);
  }
  return { inSync, clocks: parsed };
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
