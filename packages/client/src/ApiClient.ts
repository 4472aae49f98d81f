/**
 * @module ApiClient
 * Talks to the relay's small HTTP API (`/api/...`, same origin by default): create a
 * workspace, join one with a code, refresh a token. Every failure becomes an {@link ApiError}
 * whose message a 12-year-old can act on; responses are validated before use.
 */
import type { ClassRole } from "@quire/core";
import { t } from "./client-messages.ts";
import { ApiError } from "./ApiError.ts";
import { type Membership, parseMembership } from "./membership.ts";
import type { ReadableDocuments } from "./readable-documents.ts";
import { relayFetch } from "./relay-fetch.ts";
import { type StorageUsage, parseStorageUsage } from "./storage-usage.ts";
import { WEB_LIMITS } from "./web-limits.ts";

/** Longest names the relay accepts (contract: workspace 1–80, user 1–40 characters). */
export const MAX_WORKSPACE_NAME = 80;
export const MAX_USER_NAME = 40;

/** The relay's answer about one class document (`reason`: `locked`, `read_only_role`, `not_in_group`…). */
export interface DocumentAccessAnswer {
  read: boolean;
  write: boolean;
  removed: boolean;
  reason: string | null;
}

export interface ApiClientOptions {
  /** Abort a request after this many ms (default {@link WEB_LIMITS.apiTimeoutMs}). */
  timeoutMs?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}


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
      workspaceName: checkName(workspaceName, MAX_WORKSPACE_NAME, "workspaceName"),
      userName: checkName(userName, MAX_USER_NAME, "userName"),
    };
    return expectMembership(await this.request("POST", "/api/workspaces", body));
  }

  /** Joins the workspace behind `code` (`ABCD-EFGH`, any case, dash optional). */
  async join(code: string, userName: string): Promise<Membership> {
    const cleaned = code.replace(/[\s-]/g, "");
    if (!/^[A-Za-z0-9]{8}$/.test(cleaned)) {
      throw new ApiError(400, "invalid_code", t("api.invalidCode"));
    }
    const body = { code: cleaned, userName: checkName(userName, MAX_USER_NAME, "userName") };
    return expectMembership(await this.request("POST", "/api/join", body, undefined, "join"));
  }

  /**
   * Signs this device in as the class member whose personal sign-in code it is (issue 13,
   * `POST /api/sign-in`; `ABCDE-FGHJK`, any case, dash optional): the same member on every
   * device, no name asked. Unknown, rotated or turned-off code → ApiError 404.
   */
  async signIn(code: string): Promise<Membership> {
    const cleaned = normalizeSignInCode(code);
    if (cleaned === null) throw new ApiError(400, "invalid_code", t("api.badRequest"));
    return expectMembership(await this.request("POST", "/api/sign-in", { code: cleaned }, undefined, "join"));
  }

  /** `m`'s role in its class as the relay sees it now; null when the workspace is not a class. */
  async classRole(m: Membership): Promise<ClassRole | null> {
    const data = await this.request("GET", `/api/workspaces/${encodeURIComponent(m.workspace.id)}`, undefined, m.token);
    const role = typeof data === "object" && data !== null ? (data as { classRole?: unknown }).classRole : undefined;
    if (role === undefined) return null;
    if (role !== "teacher" && role !== "student" && role !== "commenter" && role !== "viewer") throw badResponse(200);
    return role;
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

  /**
   * Gets a fresh token for `m` (same access, new expiry) and the class role she has now. A
   * member the teacher removed gets an ApiError with code `removed` (403).
   */
  async refresh(m: Membership): Promise<Membership> {
    const data = await this.request("POST", "/api/token/refresh", undefined, m.token);
    if (typeof data === "object" && data !== null) {
      const { token, expiresAt } = data as Record<string, unknown>;
      if (typeof token === "string" && token.length > 0 && typeof expiresAt === "number" && Number.isFinite(expiresAt)) {
        const role = parseMembership({ ...m, classRole: (data as Record<string, unknown>).classRole })?.classRole;
        return { ...m, token, expiresAt, ...(role === undefined ? {} : { classRole: role }) };
      }
    }
    throw badResponse(200);
  }

  /** The documents of `m`'s class she may read now (docIds, without the workspace prefix). */
  async readableDocuments(m: Membership): Promise<ReadableDocuments> {
    const data = await this.request("GET", `/api/workspaces/${encodeURIComponent(m.workspace.id)}/documents`, undefined, m.token);
    // On demand: only class members ask, and only online (kept out of the first load).
    const { parseReadableDocuments } = await import("./readable-documents.ts");
    const listed = parseReadableDocuments(data, m.workspace.id);
    if (!listed) throw badResponse(200);
    return listed;
  }

  /**
   * May she read and write `docId` now? `read: false` when the relay answers 403 (another
   * group's document, or she was removed: `removed`); other failures throw.
   */
  async documentAccess(m: Membership, docId: string): Promise<DocumentAccessAnswer> {
    try {
      const data = await this.request("GET", `/api/workspaces/${encodeURIComponent(m.workspace.id)}/documents/${encodeURIComponent(docId)}/access`, undefined, m.token);
      const { write, reason } = (typeof data === "object" && data !== null ? data : {}) as { write?: unknown; reason?: { code?: unknown } };
      if (typeof write !== "boolean") throw badResponse(200);
      const code = typeof reason?.code === "string" && /^[a-z_]{1,32}$/.test(reason.code) ? reason.code : null;
      return { read: true, write, removed: false, reason: write ? null : code };
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) return { read: false, write: false, removed: error.code === "removed", reason: error.code };
      throw error;
    }
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
    const response = await relayFetch(method, `${this.baseUrl}${path}`, {
      fetchImpl: this.fetchImpl,
      timeoutMs: this.timeoutMs,
      ...(body === undefined ? {} : { body }),
      ...(token === undefined ? {} : { token }),
    });
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

/** A personal sign-in code as typed: 10 letters or digits, any case, dashes and spaces ignored. */
export function normalizeSignInCode(code: string): string | null {
  const cleaned = code.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z0-9]{10}$/.test(cleaned) ? cleaned : null;
}

function checkName(value: string, max: number, field: NameField): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ApiError(400, "invalid_name", nameMissing(field));
  if (trimmed.length > max) throw new ApiError(400, "invalid_name", nameTooLong(field, max));
  return trimmed;
}

export type NameField = "workspaceName" | "userName";

/** "Please type …" for an empty name field, in the interface language. */
export function nameMissing(field: NameField): string {
  return field === "workspaceName" ? t("api.typeWorkspaceName") : t("api.typeYourName");
}

/** "That's too long: …" for a name past its limit, in the interface language. */
export function nameTooLong(field: NameField, max: number): string {
  return field === "workspaceName" ? t("api.workspaceNameTooLong", { max }) : t("api.yourNameTooLong", { max });
}

function expectMembership(data: unknown): Membership {
  const membership = parseMembership(data);
  if (!membership) throw badResponse(200);
  return membership;
}

function badResponse(status: number): ApiError {
  return new ApiError(status, "bad_response", t("api.badResponse"));
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
        return serverMessage ?? t("api.badRequest");
      case 401:
        return t("api.expired");
      case 403:
        return t("api.forbidden");
      case 409:
        // Only a workspace registration's clash means "id taken"; other refusals (a class's
        // last teacher, a group that still has members…) say what the relay said.
        return code === "workspace_exists" || serverMessage === undefined ? t("api.idTaken") : serverMessage;
      case 404:
        return purpose === "join"
          ? t("api.unknownCode")
          : t("api.unknownWorkspace");
      case 413:
        return t("api.tooLong");
      case 429:
        return t("api.tooManyTries");
      default:
        return status >= 500
          ? t("api.serverProblem")
          : (serverMessage ?? t("api.refused", { status }));
    }
  })();
  return new ApiError(status, code, message);
}
