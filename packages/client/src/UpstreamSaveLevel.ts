/**
 * @module UpstreamSaveLevel
 * One open document's third save level on a classroom hub (issue 14): asks the hub, while some
 * local change is on the hub but not known to be on the school server, what the school server
 * holds ({@link UpstreamTracker} decides). Nothing is asked on a relay that is not a hub, while
 * offline, or while the hub itself has not acknowledged every local change (then the first
 * level, "sending…", is what the student sees).
 *
 * Budget (WEB_LIMITS.hubUpstreamPollBaseMs / MaxMs): one small GET per open document, first
 * 3 s after the hub has everything (a hub replicates 2 s after a commit), doubling to one per
 * 15 s while the school server is away; none once confirmed. A class of 25 on one hub with
 * the uplink down costs it under 2 requests per second.
 */
import type { HubLink } from "./HubLink.ts";
import { UpstreamTracker } from "./UpstreamTracker.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface UpstreamSaveLevelDeps {
  hub: HubLink;
  docName: string;
  token(): string;
  /** Connected, and the hub acknowledged every local change. */
  hubHasAll(): boolean;
  onChange(): void;
}

export class UpstreamSaveLevel {
  private readonly tracker = new UpstreamTracker();
  private isHub: boolean | null = null;
  private probing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private asking = false;
  private closed = false;
  private delay: number = WEB_LIMITS.hubUpstreamPollBaseMs;

  constructor(private readonly deps: UpstreamSaveLevelDeps) {
    this.probe();
  }

  /** null: not a hub (or not known yet); otherwise whether the school server has everything. */
  level(): "saved" | "pending" | null {
    if (this.isHub !== true) return null;
    return this.tracker.confirmed() ? "saved" : "pending";
  }

  /** A local change (see UpstreamTracker.recordLocal): ask again soon. */
  recordLocal(client: number, before: number, after: number): void {
    this.tracker.recordLocal(client, before, after);
    this.delay = WEB_LIMITS.hubUpstreamPollBaseMs;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The replica's state changed: start asking if there is something to ask. */
  update(): void {
    if (this.closed || this.timer !== null || this.asking) return;
    if (this.isHub === null) {
      if (this.deps.hubHasAll()) this.probe(); // Not on every keystroke offline: once connected and saved.
      return;
    }
    if (!this.isHub || this.tracker.confirmed() || !this.deps.hubHasAll()) return;
    this.timer = setTimeout(() => void this.ask(), this.delay);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private probe(): void {
    if (this.probing || this.closed) return;
    this.probing = true;
    void this.deps.hub.isHub().then((hub) => {
      this.probing = false;
      if (this.closed || hub === null) return; // Unknown: asked again at the next change.
      this.isHub = hub;
      this.deps.onChange();
    });
  }

  private async ask(): Promise<void> {
    this.timer = null;
    if (this.closed || !this.deps.hubHasAll()) return;
    this.asking = true;
    const { clients, generation } = this.tracker.question();
    try {
      const report = await this.deps.hub.upstream(this.deps.docName, clients, this.deps.token());
      // hubHasAll held when asked (checked above, same task as the request went out).
      this.tracker.apply(report, generation, true);
    } catch {
      // Offline, a refused token, a hub restarting: the level stays pending; asked again later.
    } finally {
      this.asking = false;
    }
    if (this.closed) return;
    this.delay = Math.min(this.delay * 2, WEB_LIMITS.hubUpstreamPollMaxMs);
    this.deps.onChange();
    this.update();
  }
}
