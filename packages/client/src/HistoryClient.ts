/**
 * @module HistoryClient
 * One document's history on the relay (issue 12 item 7; docs/protocol.md "History"): the
 * versions list and a version's content, naming a version and handing in, restoring a version,
 * reverting one member's changes, the contribution figures (JSON and CSV) and the history
 * bundle the browser computes attribution, diffs and replay from. Same bearer token as the
 * socket; document names URL-encoded. Every answer is checked (history-responses.ts) and every
 * failure is an {@link ApiError} with a message a student can act on.
 *
 * @example
 * const history = new HistoryClient({ token: () => membership.token });
 * const versions = await history.versions(docName);
 * await history.createVersion(docName, "First draft");
 */
import { DEFAULT_RECORD_LIMITS } from "@quire/history";
import { ApiError } from "./ApiError.ts";
import { errorFor } from "./ApiClient.ts";
import { t } from "./client-messages.ts";
import {
  type ContributionRow,
  type HistoryBundle,
  parseContributions,
  parseCreatedVersion,
  parseHistoryBundle,
  parseNextPage,
  parseVersionList,
  type VersionInfo,
} from "./history-responses.ts";
import { relayFetch } from "./relay-fetch.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface HistoryClientOptions {
  /** The bearer token to send (read on every call: tokens are refreshed). */
  token(): string;
  /** Origin of the relay; default same origin. */
  baseUrl?: string;
  /** Abort after this many ms (default {@link WEB_LIMITS.historyTimeoutMs}). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Longest version name the panel sends (the relay validates again). */
export const MAX_VERSION_NAME = 80;

/** A version update larger than this is refused unread: far above a real doc, bounds a hostile answer. */
export const MAX_VERSION_UPDATE_BYTES = 64 * 1024 * 1024;

export class HistoryClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HistoryClientOptions) {
    this.baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? WEB_LIMITS.historyTimeoutMs;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async versions(docName: string): Promise<VersionInfo[]> {
    return checked(parseVersionList, await (await this.send("GET", docName, "/versions")).json().catch(() => null));
  }

  /** The Yjs update (v1) that, applied to an empty gc-off doc, gives the doc at that version. */
  async versionUpdate(docName: string, versionId: string): Promise<Uint8Array> {
    const response = await this.send("GET", docName, `/versions/${encodeURIComponent(versionId)}/update`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_VERSION_UPDATE_BYTES) throw badResponse();
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength === 0 || bytes.byteLength > MAX_VERSION_UPDATE_BYTES) throw badResponse();
    return bytes;
  }

  /** Names the current state ("First draft"); `handIn` locks it for good. Returns its id. */
  async createVersion(docName: string, name: string, handIn = false): Promise<string> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_VERSION_NAME) throw new ApiError(400, "invalid_name", t("api.badRequest"));
    const body = handIn ? { name: trimmed, handIn: true } : { name: trimmed };
    return checked(parseCreatedVersion, await (await this.send("POST", docName, "/versions", body)).json().catch(() => null));
  }

  /** Restores a version as a new change on top; the result arrives through the live doc. */
  async restore(docName: string, versionId: string): Promise<void> {
    await this.send("POST", docName, "/restore", { version: versionId });
  }

  /** Takes back what `userId` changed between relay times `from` and `to` (ms), as a new change. */
  async revertMember(docName: string, userId: string, from: number, to: number): Promise<void> {
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from <= to)) throw new ApiError(400, "invalid_range", t("api.badRequest"));
    await this.send("POST", docName, "/revert-member", { userId, from, to });
  }

  async contributions(docName: string): Promise<ContributionRow[]> {
    return checked(parseContributions, await (await this.send("GET", docName, "/contributions")).json().catch(() => null));
  }

  /** The figures as the relay's CSV (text/csv), for "Download CSV". */
  async contributionsCsv(docName: string): Promise<string> {
    const response = await this.send("GET", docName, "/contributions?format=csv", undefined, "text/csv");
    if (!(response.headers.get("content-type") ?? "").startsWith("text/csv")) throw badResponse();
    return response.text();
  }

  /**
   * Records, client-id bindings and checkpoints for drawing history in the browser. The relay
   * pages records (`?after=<seq>`, `next` in each answer); pages are read until `next` is null,
   * with the records bounded in total by the history library's `maxRecords`.
   */
  async history(docName: string): Promise<HistoryBundle> {
    let after = 0;
    const records: HistoryBundle["records"] = [];
    for (;;) {
      const raw: unknown = await (await this.send("GET", docName, `/history?after=${after}`)).json().catch(() => null);
      const page = checked(parseHistoryBundle, raw);
      records.push(...page.records);
      const next = checked(parseNextPage, raw);
      if (records.length > DEFAULT_RECORD_LIMITS.maxRecords) throw badResponse();
      if (next === null) return { ...page, records: uniqueBySeq(records) };
      // A page must move forward, or a broken relay would keep the loop going forever.
      if (next <= after) throw badResponse();
      after = next;
    }
  }

  private async send(method: string, docName: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
    const response = await relayFetch(method, `${this.baseUrl}/api/docs/${encodeURIComponent(docName)}${path}`, {
      fetchImpl: this.fetchImpl,
      timeoutMs: this.timeoutMs,
      token: this.options.token(),
      accept,
      ...(body === undefined ? {} : { body }),
    });
    if (response.ok) return response;
    const data: unknown = await response.json().catch(() => null);
    throw errorFor(response.status, data);
  }
}

function checked<T>(parse: (raw: unknown) => T, raw: unknown): T {
  try {
    return parse(raw);
  } catch (error) {
    console.warn("[quire] history answer refused:", error instanceof Error ? error.message : error);
    throw badResponse();
  }
}

function uniqueBySeq(records: HistoryBundle["records"]): HistoryBundle["records"] {
  const seen = new Set<number>();
  return records.filter((r) => !seen.has(r.seq) && seen.add(r.seq) !== undefined).sort((a, b) => a.seq - b.seq);
}

function badResponse(): ApiError {
  return new ApiError(200, "bad_response", t("api.badResponse"));
}
