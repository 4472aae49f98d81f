/**
 * @module class-auth
 * Who is calling a class endpoint (issue 13): the bearer token verified and not revoked, its
 * member looked up now (not read from the token), and for management, a teacher of exactly
 * the class in the path.
 */
import type { Context } from "hono";
import type { TokenClaims } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import { DECLINED_REASON, WAITING_REASON } from "../access/access-decision.ts";
import type { TokenService } from "../auth/TokenService.ts";
import type { MemberRecord } from "../storage/ClassStore.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import { apiError } from "./api-error.ts";
import { bearerToken } from "./request-body.ts";

export interface ClassCallerDeps {
  tokens: TokenService;
  revocations: RevocationStore;
  workspaces: WorkspaceStore;
  access: ClassAccess;
}

export type ClassCaller = { claims: TokenClaims; member: MemberRecord };

/** The caller as a member of class `workspaceId`, or the 401/403/404 answer. */
export async function classMember(c: Context, deps: ClassCallerDeps, workspaceId: string): Promise<ClassCaller | Response> {
  const check = await deps.tokens.verify(bearerToken(c));
  if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
  if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
  if (check.claims.workspace !== workspaceId) return apiError(c, 403, "forbidden", "token does not grant this class");
  if (!deps.workspaces.get(workspaceId)) return apiError(c, 404, "not_found", "no such class");
  const member = deps.access.member(check.claims);
  if (!member) return apiError(c, 404, "not_found", "no such class");
  if (member.removedAt !== null) return apiError(c, 403, "removed", "you were removed from this class");
  if (member.pending) return pendingRefusal(c, member.pending);
  return { claims: check.claims, member };
}

/** 403 for a class-code join the teacher has not let in (JoinRequests): the same words as on a socket. */
export function pendingRefusal(c: Context, pending: "waiting" | "declined"): Response {
  return apiError(c, 403, pending, pending === "waiting" ? WAITING_REASON : DECLINED_REASON);
}

/** The caller as a teacher of class `workspaceId`, or the 401/403/404 answer. */
export async function classTeacher(c: Context, deps: ClassCallerDeps, workspaceId: string): Promise<ClassCaller | Response> {
  const caller = await classMember(c, deps, workspaceId);
  if (caller instanceof Response) return caller;
  if (caller.member.role !== "teacher") return apiError(c, 403, "forbidden", "only a teacher of this class can do this");
  return caller;
}
