/**
 * @module ClassClient
 * A class on the relay as its teacher manages it (issue 13; docs/protocol.md "Classes"): the
 * roster with last activity, who is online and personal sign-in codes; groups; documents'
 * groups and locks. Same bearer token as the workspace's sockets; every answer is checked
 * (class-responses.ts) and every failure is an {@link ApiError} whose `code` is the relay's
 * (`last_teacher`, `group_not_empty`, `unknown_group`, `too_many_groups`, …) so the
 * dashboard can say what to do in the teacher's language. A student's sign-in with her code
 * and the caller's own class role are {@link ApiClient} calls (the start screen needs them).
 *
 * @example
 * const klass = new ClassClient({ workspaceId: m.workspace.id, token: () => m.token });
 * const group = await klass.createGroup("Group A");
 * await klass.updateMember(memberId, { groupIds: [group.id] });
 */
import type { ClassRole } from "@quire/core";
import { ApiError } from "./ApiError.ts";
import { errorFor } from "./ApiClient.ts";
import { t } from "./client-messages.ts";
import {
  type ClassDocument,
  type ClassGroup,
  type ClassMember,
  parseClassDocument,
  parseClassDocuments,
  parseClassGroup,
  parseClassGroups,
  parseClassMember,
  parseClassMembers,
  parseSignInCode,
} from "./class-responses.ts";
import { type JoinMode, type JoinRequests, parseJoinRequests } from "./join-request-responses.ts";
import { WORKSPACE_ID } from "./membership.ts";
import { relayFetch } from "./relay-fetch.ts";
import { type ShareLink, parseCreatedShareLink, parseShareLinks } from "./share-link-responses.ts";
import { WEB_LIMITS } from "./web-limits.ts";

export interface ClassClientOptions {
  workspaceId: string;
  /** The bearer token to send (read on every call: tokens are refreshed). */
  token(): string;
  /** Origin of the relay; default same origin. */
  baseUrl?: string;
  /** Abort after this many ms (default {@link WEB_LIMITS.apiTimeoutMs}). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Longest names the relay accepts: a member 1–40, a group 1–60 characters. */
export const MAX_MEMBER_NAME = 40;
export const MAX_GROUP_NAME = 60;
/** Who a share link is for ("Ana's parents"): the relay's bound. */
export const MAX_SHARE_LABEL = 60;

export type MemberChange = { name?: string; role?: ClassRole; groupIds?: string[] };
export type DocumentChange = { groupId?: string | null; locked?: boolean; lockFrom?: number | null };

type Transport = { baseUrl: string; timeoutMs: number; fetchImpl: typeof fetch };

export class ClassClient {
  private readonly transport: Transport;
  private readonly base: string;

  constructor(private readonly options: ClassClientOptions) {
    if (!WORKSPACE_ID.test(options.workspaceId)) throw new TypeError("not a workspace id");
    this.transport = transportOf(options);
    this.base = `/api/workspaces/${options.workspaceId}`;
  }

  async members(): Promise<ClassMember[]> {
    return checked(parseClassMembers, await this.call("GET", "/members"));
  }

  /** A roster entry with a new personal sign-in code. */
  async addMember(name: string, role: ClassRole, groupIds: string[] = []): Promise<ClassMember> {
    const data = await this.call("POST", "/members", { name: checkName(name, MAX_MEMBER_NAME), role, groupIds });
    return checked((raw) => parseClassMember(objectField(raw, "member")), data);
  }

  /** Renames, changes the role or replaces the groups (moving a student is one call). */
  async updateMember(memberId: string, change: MemberChange): Promise<ClassMember> {
    const body = change.name === undefined ? change : { ...change, name: checkName(change.name, MAX_MEMBER_NAME) };
    const data = await this.call("PATCH", `/members/${encodeURIComponent(memberId)}`, body);
    return checked((raw) => parseClassMember(objectField(raw, "member")), data);
  }

  /** Removes her: her sockets close, her devices and code are refused from now on. */
  async removeMember(memberId: string): Promise<void> {
    await this.call("DELETE", `/members/${encodeURIComponent(memberId)}`);
  }

  /** A new personal code; the old one stops working. */
  async rotateSignInCode(memberId: string): Promise<string> {
    const data = await this.call("POST", `/members/${encodeURIComponent(memberId)}/sign-in-code`);
    const code = checked((raw) => parseSignInCode(objectField(raw, "signInCode")), data);
    if (code === null) throw badResponse();
    return code;
  }

  /** No code signs her in any more (devices already signed in stay). */
  async disableSignInCode(memberId: string): Promise<void> {
    await this.call("DELETE", `/members/${encodeURIComponent(memberId)}/sign-in-code`);
  }

  async groups(): Promise<ClassGroup[]> {
    return checked(parseClassGroups, await this.call("GET", "/groups"));
  }

  async createGroup(name: string): Promise<ClassGroup> {
    const data = await this.call("POST", "/groups", { name: checkName(name, MAX_GROUP_NAME) });
    return checked((raw) => parseClassGroup(objectField(raw, "group")), data);
  }

  async renameGroup(groupId: string, name: string): Promise<ClassGroup> {
    const data = await this.call("PATCH", `/groups/${encodeURIComponent(groupId)}`, { name: checkName(name, MAX_GROUP_NAME) });
    return checked((raw) => parseClassGroup(objectField(raw, "group")), data);
  }

  /** Refused (409 `group_not_empty`) while documents are in it. */
  async deleteGroup(groupId: string): Promise<void> {
    await this.call("DELETE", `/groups/${encodeURIComponent(groupId)}`);
  }

  /**
   * Locks every document of the group for students, now (null) or from `lockFrom` (ms since
   * epoch) on; documents put in the group later are locked too.
   */
  async lockGroup(groupId: string, lockFrom: number | null): Promise<void> {
    await this.call("PUT", `/groups/${encodeURIComponent(groupId)}/lock`, { lockFrom });
  }

  /** Lifts the group's lock; documents locked one by one stay locked. */
  async unlockGroup(groupId: string): Promise<void> {
    await this.call("DELETE", `/groups/${encodeURIComponent(groupId)}/lock`);
  }

  /** Teachers: the class-code mode and who waits to join (issue 13). */
  async joinRequests(): Promise<JoinRequests> {
    return checked(parseJoinRequests, await this.call("GET", "/join-requests"));
  }

  /** Teachers: `open` lets class-code joins in at once, `ask` makes them wait for a teacher. */
  async setJoinMode(mode: JoinMode): Promise<void> {
    await this.call("PUT", "/join-mode", { mode });
  }

  /**
   * Teachers: lets a waiting device in — as a new member, or `as` a roster member (her device
   * becomes that member) — or declines it. 409 `decided` when another teacher was first.
   */
  async decideJoin(requestId: string, decision: "admit" | "decline", as?: string): Promise<void> {
    await this.call("POST", `/join-requests/${encodeURIComponent(requestId)}`, { decision, ...(as === undefined ? {} : { as }) });
  }

  /** Teachers: the read-only share links that still work. */
  async shareLinks(): Promise<ShareLink[]> {
    return checked(parseShareLinks, await this.call("GET", "/share-links"));
  }

  /**
   * Teachers: a read-only link for one document (`{ docId }`), or for every document of the
   * class (`{ groupId: null }`) or of one group; the secret is shown once (`/share#<secret>`).
   */
  async createShareLink(target: string | { docId: string } | { groupId: string | null }, label: string): Promise<{ link: ShareLink; secret: string }> {
    const scope = typeof target === "string" ? { docId: target } : target;
    return checked(parseCreatedShareLink, await this.call("POST", "/share-links", { ...scope, label: checkName(label, MAX_SHARE_LABEL) }));
  }

  /** Teachers: the link stops working and its viewers' sockets close. */
  async revokeShareLink(linkId: string): Promise<void> {
    await this.call("DELETE", `/share-links/${encodeURIComponent(linkId)}`);
  }

  /** The documents the caller may read, with group and lock (names `<workspace>/<docId>`). */
  async documents(): Promise<ClassDocument[]> {
    return checked(parseClassDocuments, await this.call("GET", "/documents"));
  }

  /** Puts a document (its id within the workspace) in a group or the class, locks or unlocks it. */
  async updateDocument(docId: string, change: DocumentChange): Promise<ClassDocument> {
    return checked(parseClassDocument, await this.call("PATCH", `/documents/${encodeURIComponent(docId)}`, change));
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    return send(this.transport, method, `${this.base}${path}`, body, this.options.token());
  }
}

function transportOf(options: Omit<ClassClientOptions, "workspaceId" | "token">): Transport {
  return {
    baseUrl: (options.baseUrl ?? "").replace(/\/+$/, ""),
    timeoutMs: options.timeoutMs ?? WEB_LIMITS.apiTimeoutMs,
    fetchImpl: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}

async function send(transport: Transport, method: string, path: string, body: unknown, token: string | undefined, purpose?: "join"): Promise<unknown> {
  const response = await relayFetch(method, `${transport.baseUrl}${path}`, {
    fetchImpl: transport.fetchImpl,
    timeoutMs: transport.timeoutMs,
    ...(body === undefined ? {} : { body }),
    ...(token === undefined ? {} : { token }),
  });
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data;
  throw errorFor(response.status, data, purpose);
}

function checkName(name: string, max: number): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw new ApiError(400, "invalid_name", t("api.badRequest"));
  return trimmed;
}

function objectField(raw: unknown, field: string): unknown {
  if (typeof raw !== "object" || raw === null) throw new TypeError(`class response: answer is not an object`);
  return (raw as Record<string, unknown>)[field];
}

function checked<T>(parse: (raw: unknown) => T, raw: unknown): T {
  try {
    return parse(raw);
  } catch (error) {
    console.warn("[quire] class answer refused:", error instanceof Error ? error.message : error);
    throw badResponse();
  }
}

function badResponse(): ApiError {
  return new ApiError(200, "bad_response", t("api.badResponse"));
}
