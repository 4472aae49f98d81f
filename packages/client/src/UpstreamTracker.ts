/**
 * @module UpstreamTracker
 * The third save level on a classroom hub (issue 14): has the school server (the hub's
 * upstream) got every change this device made to one document? The hub answers per document
 * (`GET /api/hub/upstream`, see hub-upstream-report.ts) with the upstream's clocks for the client ids
 * asked and whether the upstream holds everything the hub holds (`inSync`).
 *
 * - An insert by client id `c` up to clock `k` is upstream once the upstream's clock for `c`
 *   is at least `k` (exact, whatever else the class types meanwhile).
 * - A delete-only change adds no clock: it is upstream once a report asked *after the hub
 *   had all of this device's changes* and *before any newer local change* says `inSync`.
 * - After a load nothing is known of earlier sessions (their client ids are not kept once the
 *   hub confirmed them), so the level starts unconfirmed until such an `inSync` report: an
 *   honest "Saved to the classroom hub" rather than a "school server" the app cannot prove.
 */
import type { HubUpstreamReport } from "./hub-upstream-report.ts";

/** Client ids one question names (the relay's MAX_UPSTREAM_CLIENTS); the rest wait for `inSync`. */
export const MAX_ASKED_CLIENTS = 32;

export class UpstreamTracker {
  /** Client id → highest local clock not confirmed upstream. */
  private readonly clients = new Map<number, number>();
  private deletes = false;
  /** Earlier sessions' changes: unknown until an `inSync` report. */
  private known = false;
  /** Bumped by every local change: a report asked before it cannot vouch for it. */
  private generation = 0;

  /** A local change by `client` moved its clock from `before` to `after` (equal: delete-only). */
  recordLocal(client: number, before: number, after: number): void {
    this.generation++;
    if (after > before) this.clients.set(client, Math.max(after, this.clients.get(client) ?? 0));
    else this.deletes = true;
  }

  /** What to ask the hub now: the client ids and the generation to hand back with the answer. */
  question(): { clients: number[]; generation: number } {
    return { clients: [...this.clients.keys()].slice(0, MAX_ASKED_CLIENTS), generation: this.generation };
  }

  /**
   * The hub's answer to {@link question} asked at `generation`; `hubHadAll`: the hub had
   * acknowledged every local change when it was asked.
   */
  apply(report: HubUpstreamReport, generation: number, hubHadAll: boolean): void {
    for (const [client, clock] of report.clocks) {
      const mine = this.clients.get(client);
      if (mine !== undefined && clock >= mine) this.clients.delete(client);
    }
    if (report.inSync && hubHadAll && generation === this.generation) {
      this.clients.clear();
      this.deletes = false;
      this.known = true;
    }
  }

  /** True when the upstream holds every local change this device knows of. */
  confirmed(): boolean {
    return this.known && this.clients.size === 0 && !this.deletes;
  }
}
