/**
 * @module class-members-api
 * The roster of a class, for its teachers (issue 13; docs/protocol.md "Classes"):
 *
 * - GET    /api/workspaces/:id/members — members with role, groups, last activity, sockets
 *   open now and personal sign-in code (the teacher prints it on the student's card).
 * - POST   /api/workspaces/:id/members — a roster entry `{ name, role, groupIds? }` with a
 *   new personal sign-in code.
 * - PATCH  /api/workspaces/:id/members/:memberId — `{ name?, role?, groupIds? }`.
 * - DELETE /api/workspaces/:id/members/:memberId — removes her: her sockets close at once,
 *   her refreshes and reconnects are refused with `removed`.
 * - POST / DELETE /api/workspaces/:id/members/:memberId/sign-in-code — a new code (the old
 *   one stops working) / no code.
 *
 * A class always keeps one teacher: the last one cannot be demoted or removed (409).
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { CLASS_ROLES } from "@quire/core";
import type { ClassStore, MemberRecord } from "../storage/ClassStore.ts";
import { formatSignInCode } from "../storage/ClassStore.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classTeacher } from "./class-auth.ts";
import { GROUP_ID, MEMBER_ID, WORKSPACE_ID, nameSchema, validated } from "./valibot-body.ts";

export interface ClassMembersApiDeps extends ClassCallerDeps {
  classes: ClassStore;
  /** Re-checks open sockets against the class now (ClassWatcher.poll). */
  recheck: () => void;
  /** Sockets open now per member of a class. */
  online: (workspace: string) => Map<string, number>;
}

/** Groups one member may be in: a student in every group of a large class is still far below. */
const MAX_GROUPS_PER_MEMBER = 50;

const CLASS_ID_PARAM = v.object({ id: WORKSPACE_ID });
const MEMBER_PARAM = v.object({ id: WORKSPACE_ID, memberId: MEMBER_ID });
const ROLE = v.picklist(CLASS_ROLES, `role must be one of ${CLASS_ROLES.join(", ")}`);
const GROUP_IDS = v.pipe(v.array(GROUP_ID), v.maxLength(MAX_GROUPS_PER_MEMBER, `at most ${MAX_GROUPS_PER_MEMBER} groups`));
const NEW_MEMBER = v.strictObject({ name: nameSchema(40, "name"), role: ROLE, groupIds: v.optional(GROUP_IDS) });
const MEMBER_CHANGE = v.strictObject({ name: v.optional(nameSchema(40, "name")), role: v.optional(ROLE), groupIds: v.optional(GROUP_IDS) });

export function mountClassMembersApi(app: Hono, deps: ClassMembersApiDeps): void {
  const { classes } = deps;
  const view = (member: MemberRecord, online: Map<string, number>) => ({
    id: member.sub,
    name: member.name,
    role: member.role,
    groupIds: member.groupIds,
    lastActiveAt: member.lastActiveAt,
    online: online.get(member.sub) ?? 0,
    signInCode: member.signInCode === null ? null : formatSignInCode(member.signInCode),
  });
  const unknownGroup = (workspace: string, groupIds: readonly string[] | undefined) => groupIds?.find((id) => !classes.group(workspace, id));
  const lastTeacher = (workspace: string, sub: string) => {
    const teachers = classes.members(workspace).filter((m) => m.role === "teacher");
    return teachers.length === 1 && teachers[0]?.sub === sub;
  };

  app.get("/api/workspaces/:id/members", validated("param", CLASS_ID_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const online = deps.online(id);
    return c.json({ members: classes.members(id).map((m) => view(m, online)) });
  });

  app.post("/api/workspaces/:id/members", validated("param", CLASS_ID_PARAM), validated("json", NEW_MEMBER), async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const missing = unknownGroup(id, body.groupIds);
    if (missing) return apiError(c, 400, "unknown_group", `no group ${missing} in this class`);
    const member = classes.addMember(id, body.name, body.role, body.groupIds ?? []);
    return c.json({ member: view(member, new Map()) }, 201);
  });

  app.patch("/api/workspaces/:id/members/:memberId", validated("param", MEMBER_PARAM), validated("json", MEMBER_CHANGE), async (c) => {
    const { id, memberId } = c.req.valid("param");
    const body = c.req.valid("json");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const missing = unknownGroup(id, body.groupIds);
    if (missing) return apiError(c, 400, "unknown_group", `no group ${missing} in this class`);
    if (body.role !== undefined && body.role !== "teacher" && lastTeacher(id, memberId)) {
      return apiError(c, 409, "last_teacher", "a class needs a teacher: make someone else a teacher first");
    }
    if (!classes.updateMember(id, memberId, body)) return apiError(c, 404, "not_found", "no such member in this class");
    deps.recheck();
    return c.json({ member: view(classes.member(id, memberId) as MemberRecord, deps.online(id)) });
  });

  app.delete("/api/workspaces/:id/members/:memberId", validated("param", MEMBER_PARAM), async (c) => {
    const { id, memberId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (lastTeacher(id, memberId)) return apiError(c, 409, "last_teacher", "a class needs a teacher: make someone else a teacher first");
    if (!classes.removeMember(id, memberId)) return apiError(c, 404, "not_found", "no such member in this class");
    deps.recheck();
    return c.json({ removed: memberId });
  });

  app.post("/api/workspaces/:id/members/:memberId/sign-in-code", validated("param", MEMBER_PARAM), async (c) => {
    const { id, memberId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const code = classes.rotateSignInCode(id, memberId);
    if (code === null) return apiError(c, 404, "not_found", "no such member in this class");
    return c.json({ signInCode: formatSignInCode(code) });
  });

  app.delete("/api/workspaces/:id/members/:memberId/sign-in-code", validated("param", MEMBER_PARAM), async (c) => {
    const { id, memberId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (!classes.disableSignInCode(id, memberId)) return apiError(c, 404, "not_found", "no such member in this class");
    return c.json({ signInCode: null });
  });
}
