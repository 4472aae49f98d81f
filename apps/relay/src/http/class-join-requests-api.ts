/**
 * @module class-join-requests-api
 * Class-code joins that wait for a teacher (issue 13 item 2; docs/protocol.md "Waiting to
 * join"; storage in JoinRequests.ts).
 *
 * For the device that joined (bearer: the token POST /api/join gave it):
 * - GET  /api/workspaces/:id/admission — `waiting` (with the roster's student names to pick
 *   hers from), `declined`, or `admitted` with the token of the member she was let in as.
 * - POST /api/workspaces/:id/admission `{ pick }` — "this roster name is me" (a member id, or
 *   null). Only a claim: the teacher confirms it, or lets her in as a new student.
 *
 * For the class's teachers:
 * - GET  /api/workspaces/:id/join-requests — the mode and who is waiting (with her pick).
 * - PUT  /api/workspaces/:id/join-mode `{ mode: "open" | "ask" }`.
 * - POST /api/workspaces/:id/join-requests/:memberId `{ decision: "admit" | "decline", as? }`
 *   — `as` a roster member's id makes her device that member (never a teacher).
 *
 * The joiner's token is checked like a refresh (REFRESH_GRACE_SECONDS past expiry, not
 * revoked), so a device that waited offline for days still learns the decision. A let-in
 * token keeps the join's `auth_time`: the absolute lifetime (MAX_TOKEN_AGE_DAYS) counts from
 * the join, as for every other token.
 */
import type { Context, Hono } from "hono";
import * as v from "valibot";
import { REFRESH_GRACE_SECONDS } from "@quire/auth";
import { tokenRoleOf } from "@quire/core";
import { refreshWindow } from "../auth/refresh-lifetime.ts";
import type { TokenService } from "../auth/TokenService.ts";
import type { RelayLimits } from "../config.ts";
import type { ClassStore, MemberRecord } from "../storage/ClassStore.ts";
import type { JoinRequest, JoinRequests } from "../storage/JoinRequests.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classTeacher } from "./class-auth.ts";
import { bearerToken } from "./request-body.ts";
import { MEMBER_ID, WORKSPACE_ID, validated } from "./valibot-body.ts";

export interface ClassJoinRequestsApiDeps extends ClassCallerDeps {
  tokens: TokenService;
  classes: ClassStore;
  joins: JoinRequests;
  limits: RelayLimits;
  /** Re-checks open sockets against the class now (ClassWatcher.poll). */
  recheck: () => void;
}

const CLASS_ID_PARAM = v.object({ id: WORKSPACE_ID });
const REQUEST_PARAM = v.object({ id: WORKSPACE_ID, memberId: MEMBER_ID });
const PICK = v.strictObject({ pick: v.nullable(MEMBER_ID) });
const MODE = v.strictObject({ mode: v.picklist(["open", "ask"], "mode must be open or ask") });
const DECISION = v.strictObject({ decision: v.picklist(["admit", "decline"], "decision must be admit or decline"), as: v.optional(MEMBER_ID) });

/** Roster members a joiner may say she is, and a teacher may let her in as: never a teacher. */
function pickable(member: MemberRecord | null): member is MemberRecord {
  return member !== null && member.removedAt === null && member.role !== "teacher";
}

export function mountClassJoinRequestsApi(app: Hono, deps: ClassJoinRequestsApiDeps): void {
  const { classes, joins, tokens } = deps;

  /** The joiner behind the bearer token and her request, or the 401/403/404 answer. */
  const joiner = async (c: Context, workspace: string): Promise<{ request: JoinRequest; authTime: number; notAfter: number } | Response> => {
    const now = Math.floor(Date.now() / 1000);
    const check = await tokens.verify(bearerToken(c), now - REFRESH_GRACE_SECONDS);
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    if (check.claims.workspace !== workspace) return apiError(c, 403, "forbidden", "token does not grant this class");
    const request = joins.get(workspace, check.claims.sub);
    if (!request) return apiError(c, 404, "not_found", "this device is not waiting to join this class");
    const lifetime = refreshWindow(check.claims, deps.limits.maxTokenAgeDays, now);
    if (!lifetime.ok) return apiError(c, 401, "too_old", lifetime.message);
    return { request, authTime: lifetime.authTime, notAfter: lifetime.notAfter };
  };

  app.get("/api/workspaces/:id/admission", validated("param", CLASS_ID_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const found = await joiner(c, id);
    if (found instanceof Response) return found;
    const { request } = found;
    if (request.state === "declined") return c.json({ state: "declined" });
    if (request.state === "waiting") {
      const roster = classes.members(id).filter((m) => pickable(m) && m.role === "student");
      return c.json({ state: "waiting", picked: request.pickedSub, roster: roster.map((m) => ({ id: m.sub, name: m.name })) });
    }
    const member = request.memberSub === null ? null : classes.member(id, request.memberSub);
    if (!member || member.removedAt !== null) return apiError(c, 403, "removed", "you were removed from this class");
    const role = tokenRoleOf(member.role);
    const { token, claims } = tokens.sign({ authTime: found.authTime, notAfter: found.notAfter, sub: member.sub, name: member.name, role, workspace: id });
    return c.json({ state: "admitted", user: { id: member.sub, name: member.name }, role, classRole: member.role, token, expiresAt: claims.exp * 1000 });
  });

  app.post("/api/workspaces/:id/admission", validated("param", CLASS_ID_PARAM), validated("json", PICK), async (c) => {
    const { id } = c.req.valid("param");
    const { pick } = c.req.valid("json");
    const found = await joiner(c, id);
    if (found instanceof Response) return found;
    if (pick !== null && !pickable(classes.member(id, pick))) return apiError(c, 400, "unknown_member", "no such student in this class");
    if (!joins.pick(id, found.request.sub, pick)) return apiError(c, 409, "decided", "your teacher has decided already");
    return c.json({ state: "waiting", picked: pick });
  });

  app.get("/api/workspaces/:id/join-requests", validated("param", CLASS_ID_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const requests = joins.waiting(id).map((r) => {
      const picked = r.pickedSub === null ? null : classes.member(id, r.pickedSub);
      return {
        id: r.sub,
        name: r.name,
        role: r.role,
        createdAt: r.createdAt,
        picked: pickable(picked) ? { id: picked.sub, name: picked.name } : null,
      };
    });
    return c.json({ mode: joins.effectiveMode(id), chosen: joins.chosenMode(id) !== null, requests });
  });

  app.put("/api/workspaces/:id/join-mode", validated("param", CLASS_ID_PARAM), validated("json", MODE), async (c) => {
    const { id } = c.req.valid("param");
    const { mode } = c.req.valid("json");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    joins.setMode(id, mode);
    return c.json({ mode });
  });

  app.post("/api/workspaces/:id/join-requests/:memberId", validated("param", REQUEST_PARAM), validated("json", DECISION), async (c) => {
    const { id, memberId } = c.req.valid("param");
    const body = c.req.valid("json");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const request = joins.get(id, memberId);
    if (!request) return apiError(c, 404, "not_found", "nobody with this id is waiting to join this class");
    if (request.state !== "waiting") return apiError(c, 409, "decided", "this request was decided already");
    let decided: boolean;
    if (body.decision === "decline") {
      if (body.as !== undefined) return apiError(c, 400, "bad_request", "as: only a let-in names a member");
      decided = joins.decide(id, memberId, "declined", null);
    } else if (body.as !== undefined) {
      if (!pickable(classes.member(id, body.as))) return apiError(c, 400, "unknown_member", "no such student in this class (a teacher cannot be picked)");
      decided = joins.decide(id, memberId, "admitted", body.as);
    } else {
      const role = request.role === "editor" ? "student" : "viewer";
      decided = joins.decide(id, memberId, "admitted", memberId, () => classes.ensureMember(id, memberId, request.name, role));
    }
    if (!decided) return apiError(c, 409, "decided", "this request was decided already");
    deps.recheck();
    return c.json({ id: memberId, state: body.decision === "admit" ? "admitted" : "declined", memberId: body.as ?? (body.decision === "admit" ? memberId : null) });
  });
}
