/**
 * @module HubLink
 * Whether the app's relay is a classroom hub (issue 14): asked once per workspace session
 * (`GET /api/hub`, no token). Kept tiny: it is on every first visit; what only a hub needs
 * (UpstreamSaveLevel, the dashboard's hub panel, hub-get.ts) loads once the relay is one.
 */
import { relayFetch } from "./relay-fetch.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export class HubLink {
  private answer: Promise<boolean | null> | null = null;

  /** @param baseUrl origin of the relay's API, e.g. `http://10.0.0.2:8787`; default same origin. */
  constructor(readonly baseUrl = "") {}

  /**
   * True on a hub, false elsewhere, null while unknown (offline, relay down): a null answer is
   * forgotten, so the next call asks again; a definite one is kept for the session.
   */
  isHub(): Promise<boolean | null> {
    if (!this.answer) {
      const asked = relayFetch("GET", `${this.baseUrl}/api/hub`, { fetchImpl: (input, init) => globalThis.fetch(input, init), timeoutMs: WEB_LIMITS.apiTimeoutMs })
        .then((response) => (response.ok ? response.json() : null))
        .then(
          (data) => {
            const hub = (data as { hub?: unknown } | null)?.hub;
            return typeof hub === "boolean" ? hub : null;
          },
          () => null,
        );
      this.answer = asked;
      void asked.then((hub) => {
        if (hub === null && this.answer === asked) this.answer = null;
      });
    }
    return this.answer;
  }
}
