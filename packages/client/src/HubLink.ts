/**
 * @module HubLink
 * The app's questions to a classroom hub (issue 14), one per workspace session: is the relay a
 * hub (asked once, `GET /api/hub`), what the school server holds of one document (for the
 * third save level), and the hub's link status (for the teacher's dashboard). Answers are
 * validated (hub-reports.ts); a relay that is not a hub is asked nothing more.
 */
import { ApiError } from "./ApiError.ts";
import { t } from "./client-messages.ts";
import { type HubLinkStatus, type HubUpstreamReport, parseHubAnswer, parseHubLinkStatus, parseHubUpstreamReport } from "./hub-reports.ts";
import { relayFetch } from "./relay-fetch.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface HubLinkOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class HubLink {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private answer: Promise<boolean | null> | null = null;

  /** @param baseUrl origin of the relay's API; default same origin. */
  constructor(baseUrl = "", options: HubLinkOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? WEB_LIMITS.apiTimeoutMs;
  }

  /**
   * True on a hub, false elsewhere, null while unknown (offline, relay down): a null answer is
   * forgotten, so the next call asks again; a definite one is kept for the session.
   */
  isHub(): Promise<boolean | null> {
    if (!this.answer) {
      const asked = this.get("/api/hub").then(
        (data) => parseHubAnswer(data),
        () => null,
      );
      this.answer = asked;
      void asked.then((hub) => {
        if (hub === null && this.answer === asked) this.answer = null;
      });
    }
    return this.answer;
  }

  /** What the school server holds of `doc` for these client ids; throws ApiError on failure. */
  async upstream(doc: string, clients: readonly number[], token: string): Promise<HubUpstreamReport> {
    const query = `doc=${encodeURIComponent(doc)}&clients=${clients.join(",")}`;
    const report = parseHubUpstreamReport(await this.get(`/api/hub/upstream?${query}`, token), doc, clients);
    if (!report) throw new ApiError(502, "bad_response", t("api.badResponse"));
    return report;
  }

  /** The hub's link to the school server; throws ApiError on failure (404: not a hub). */
  async status(token: string): Promise<HubLinkStatus> {
    const status = parseHubLinkStatus(await this.get("/api/hub/status", token));
    if (!status) throw new ApiError(502, "bad_response", t("api.badResponse"));
    return status;
  }

  private async get(path: string, token?: string): Promise<unknown> {
    const response = await relayFetch("GET", `${this.baseUrl}${path}`, {
      fetchImpl: this.fetchImpl,
      timeoutMs: this.timeoutMs,
      ...(token === undefined ? {} : { token }),
    });
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      const code = (data as { error?: { code?: unknown } } | null)?.error?.code;
      throw new ApiError(response.status, typeof code === "string" ? code : "http_error", t("api.refused", { status: response.status }));
    }
    return data;
  }
}
