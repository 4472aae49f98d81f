/**
 * @module UpstreamSaveLevel
 * One open document's third save level on a classroom hub (issue 14): asks the hub, while some
 * local change is on the hub but not known to be on the school server, what the school server
 * holds (`GET /api/hub/upstream`; {@link UpstreamTracker} decides). DocReplica makes one only
 * once the relay said it is a hub (relay info on the socket), and loads this module then (its own chunk, not precached:
 * it only talks to a hub). Nothing is asked while the hub itself has not acknowledged every
 * local change (then the first level, "sending…", is what the student sees) or offline.
 *
 * Budget (HUB_UPSTREAM_POLL_BASE_MS / MAX_MS, README "Resource limits"; here, not in
 * web-limits.ts, so the first visit does not carry them): one small GET per open document, first
 * 3 s after the hub has everything (a hub replicates 2 s after a commit), doubling to one per
 * 15 s while the school server is away; none once confirmed. A class of 25 on one hub with
 * the uplink down costs it under 2 requests per second.
 */
import { hubGet } from "./hub-get.ts";
import { parseHubUpstreamReport } from "./hub-upstream-report.ts";
import { UpstreamTracker } from "./UpstreamTracker.ts";

/** First question this long after the hub has every local change (a hub replicates 2 s after a commit). */
export const HUB_UPSTREAM_POLL_BASE_MS = 3_000;
/** Doubling up to this while unconfirmed: "Saved to the school server" within 15 s of the uplink's return. */
export const HUB_UPSTREAM_POLL_MAX_MS = 15_000;

export interface UpstreamSaveLevelDeps {
  /** HTTP origin of the hub's API. */
  apiUrl: string;
  docName: string;
  token(): string;
  /** Connected, and the hub acknowledged every local change. */
  hubHasAll(): boolean;
  onChange(): void;
}

export class UpstreamSaveLevel {
  private readonly tracker = new UpstreamTracker();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private asking = false;
  private closed = false;
  private delay: number = HUB_UPSTREAM_POLL_BASE_MS;

  constructor(private readonly deps: UpstreamSaveLevelDeps) {}

  /** Whether the school server holds every local change (pending until proven). */
  level(): "saved" | "pending" {
    return this.tracker.confirmed() ? "saved" : "pending";
  }

  /** A local change (see UpstreamTracker.recordLocal): ask again soon. */
  recordLocal(client: number, before: number, after: number): void {
    this.tracker.recordLocal(client, before, after);
    this.delay = HUB_UPSTREAM_POLL_BASE_MS;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The replica's state changed: start asking if there is something to ask. */
  update(): void {
    if (this.closed || this.timer !== null || this.asking) return;
    if (this.tracker.confirmed() || !this.deps.hubHasAll()) return;
    this.timer = setTimeout(() => void this.ask(), this.delay);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async ask(): Promise<void> {
    this.timer = null;
    if (this.closed || !this.deps.hubHasAll()) return;
    this.asking = true;
    const { clients, generation } = this.tracker.question();
    try {
      const { docName } = this.deps;
      const data = await hubGet(this.deps.apiUrl, `/api/hub/upstream?doc=${encodeURIComponent(docName)}&clients=${clients.join(",")}`, this.deps.token());
      const report = parseHubUpstreamReport(data, docName, clients);
      // hubHasAll held when asked (checked above, in the task that sent the request).
      if (report) this.tracker.apply(report, generation, true);
    } catch {
      // Offline, a refused token, a hub restarting: the level stays pending; asked again later.
    } finally {
      this.asking = false;
    }
    if (this.closed) return;
    this.delay = Math.min(this.delay * 2, HUB_UPSTREAM_POLL_MAX_MS);
    this.deps.onChange();
    this.update();
  }
}
