/**
 * @module ApiClient
 * Talks to the relay's small HTTP API (`/api/...`, same origin by default): create a
 * workspace, join one with a code, refresh a token. Every failure becomes an {@link ApiError}
 * whose message a 12-year-old can act on; responses are validated before use.
 */
import { ApiError } from "./ApiError.ts";
import { type Membership, parseMembership } from "./membership.ts";
import { type StorageUsage, parseStorageUsage } from "./storage-usage.ts";
import { WEB_LIMITS } from "./web-limits.ts";

/** Longest names the relay accepts (contract: workspace 1–80, user 1–40 characters). */
export const MAX_WORKSPACE_NAME = 80;
export const MAX_USER_NAME = 40;

export interface ApiClientOptions {
  /** Abort a request after this many ms (default {@link WEB_LIMITS.apiTimeoutMs}). */
  timeoutMs?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

const OFFLINE_MESSAGE = "You are offline. Check your connection and try again.";
const UNREACHABLE_MESSAGE = "Can't reach the relay: your network works, but the Quire relay doesn't answer. Try again in a moment.";

export class ApiClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  /** @param baseUrl origin of the relay, e.g. `http://127.0.0.1:8787`; default same origin. */
  constructor(baseUrl = "", options: ApiClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? WEB_LIMITS.apiTimeoutMs;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Creates a workspace; the caller becomes its owner and gets the join codes to share. */
  async createWorkspace(workspaceName: string, userName: string): Promise<Membership> {
    const body = {
      workspaceName: checkName(workspaceName, MAX_WORKSPACE_NAME, "workspace name"),
      userName: checkName(userName, MAX_USER_NAME, "your name"),
    };
    return expectMembership(await this.request("POST", "/api/workspaces", body));
  }

  /** Joins the workspace behind `code` (`ABCD-EFGH`, any case, dash optional). */
  async join(code: string, userName: string): Promise<Membership> {
    const cleaned = code.replace(/[\s-]/g, "");
    if (!/^[A-Za-z0-9]{8}$/.test(cleaned)) {
      throw new ApiError(400, "invalid_code", "A join code has 8 letters or digits, like ABCD-EFGH.");
    }
    const body = { code: cleaned, userName: checkName(userName, MAX_USER_NAME, "your name") };
    return expectMembership(await this.request("POST", "/api/join", body, undefined, "join"));
  }

  /**
   * Registers a workspace created on this device with no network under the id it already has
   * (PUT, idempotent for this device's registration key). Returns `m` with the relay's user
   * id, token and join codes; this device's `deviceKey` is kept and `registration` dropped.
   * A 409 (`workspace_exists`) means the id belongs to another workspace: retrying cannot help.
   */
  async registerWorkspace(m: Membership): Promise<Membership> {
    if (!m.registration) throw new TypeError("this workspace is registered already");
    const body = { workspaceName: m.workspace.name, userName: m.user.name, registrationKey: m.registration.key };
    const data = await this.request("PUT", `/api/workspaces/${encodeURIComponent(m.workspace.id)}`, body);
    const registered = expectMembership(data);
    if (registered.workspace.id !== m.workspace.id) throw badResponse(200);
    const { registration: _done, ...rest } = { ...registered, ...(m.deviceKey === undefined ? {} : { deviceKey: m.deviceKey }) };
    return rest;
  }

  /** The relay's storage figures for `m`'s workspace (owner and editors; viewers get 403). */
  async storageUsage(m: Membership): Promise<StorageUsage> {
    const data = await this.request("GET", `/api/workspaces/${encodeURIComponent(m.workspace.id)}/usage`, undefined, m.token);
    const usage = parseStorageUsage(data);
    if (!usage) throw badResponse(200);
    return usage;
  }

  /** Gets a fresh token for `m` (same access, new expiry). */
  async refresh(m: Membership): Promise<Membership> {
    const data = await this.request("POST", "/api/token/refresh", undefined, m.token);
    if (typeof data === "object" && data !== null) {
      const { token, expiresAt } = data as Record<string, unknown>;
      if (typeof token === "string" && token.length > 0 && typeof expiresAt === "number" && Number.isFinite(expiresAt)) {
        return { ...m, token, expiresAt };
      }
    }
    throw badResponse(200);
  }

  /**
   * Replaces the workspace's join codes (owner only): the old ones stop working at once, so
   * someone removed from the group cannot rejoin with them. Returns `m` with the new codes.
   */
  async rotateJoinCodes(m: Membership): Promise<Membership> {
    const data = await this.request("POST", `/api/workspaces/${encodeURIComponent(m.workspace.id)}/join-codes`, {}, m.token);
    const joinCodes = typeof data === "object" && data !== null ? (data as { joinCodes?: unknown }).joinCodes : undefined;
    const rotated = joinCodes === undefined ? null : parseMembership({ ...m, joinCodes });
    if (!rotated?.joinCodes) throw badResponse(200);
    return rotated;
  }

  /** Reads the workspace as the relay sees it now (name, role, owner, join codes for owners). */
  async workspace(m: Membership): Promise<Membership> {
    const data = await this.request("GET", `/api/workspaces/${encodeURIComponent(m.workspace.id)}`, undefined, m.token);
    const merged = parseMembership({ ...m, ...(typeof data === "object" && data !== null ? data : {}), token: m.token, expiresAt: m.expiresAt, user: m.user });
    if (!merged) throw badResponse(200);
    return merged;
  }

  private async request(method: string, path: string, body?: unknown, token?: string, purpose?: "join"): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      if (controller.signal.aborted) {
        throw new ApiError(0, "timeout", "The Quire server took too long to answer. Check your connection and try again.");
      }
      // The browser knows whether it has a network at all; a failed request with one means the relay.
      const browserOffline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
      throw new ApiError(0, "offline", browserOffline ? OFFLINE_MESSAGE : UNREACHABLE_MESSAGE);
    } finally {
      clearTimeout(timer);
    }
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.ok) return data;
    throw errorFor(response.status, data, purpose);
  }
}

function checkName(value: string, max: number, what: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ApiError(400, "invalid_name", `Please type ${what}.`);
  if (trimmed.length > max) throw new ApiError(400, "invalid_name", `That's too long: ${what} can have at most ${max} characters.`);
  return trimmed;
}

function expectMembership(data: unknown): Membership {
  const membership = parseMembership(data);
  if (!membership) throw badResponse(200);
  return membership;
}

function badResponse(status: number): ApiError {
  return new ApiError(status, "bad_response", "The Quire server sent an answer this app doesn't understand. Try reloading the page.");
}

/** Maps a relay error response to a message for the student; the relay's own code is kept. */
export function errorFor(status: number, data: unknown, purpose?: "join"): ApiError {
  let code = `http_${status}`;
  let serverMessage: string | undefined;
  if (typeof data === "object" && data !== null && typeof (data as { error?: unknown }).error === "object") {
    const error = (data as { error: Record<string, unknown> }).error;
    if (typeof error.code === "string" && /^[a-z0-9_.-]{1,64}$/i.test(error.code)) code = error.code;
    if (typeof error.message === "string" && error.message.length <= 200) serverMessage = error.message;
  }
  const message = (() => {
    switch (status) {
      case 400:
        return serverMessage ?? "Something in the form isn't right. Check it and try again.";
      case 401:
        return "Your access to this workspace has expired. Ask for a new join code.";
      case 403:
        return "You don't have access to this workspace any more. Ask its owner for a new join code.";
      case 409:
        return "This workspace's id is already taken on the relay. Start a new workspace and copy your text into it.";
      case 404:
        return purpose === "join"
          ? "That code doesn't match any workspace. Check it with whoever shared it."
          : "That workspace doesn't exist on this server.";
      case 413:
        return "That's too long. Shorten it and try again.";
      case 429:
        return "Too many tries in a short time. Wait a minute and try again.";
      default:
        return status >= 500
          ? "The Quire server had a problem. Try again in a moment."
          : (serverMessage ?? `The Quire server refused the request (${status}).`);
    }
  })();
  return new ApiError(status, code, message);
}
