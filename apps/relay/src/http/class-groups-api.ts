/**
 * @module class-groups-api
 * Groups of a class (issue 13; docs/protocol.md "Classes"):
 *
 * - GET    /api/workspaces/:id/groups — a teacher sees every group with its members and its
 *   lock (`lock: { lockFrom } | null`, class-group-locks-api); anyone else only the groups she is in.
 * - POST   /api/workspaces/:id/groups — `{ name }`, teachers only.
 * - PATCH  /api/workspaces/:id/groups/:groupId — `{ name }`, teachers only.
 * - DELETE /api/workspaces/:id/groups/:groupId — teachers only; refused (409) while documents
 *   are in the group: dropping it would make them class-wide, readable by every member.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { IndexSplitter } from "../class-index/IndexSplitter.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classMember, classTeacher } from "./class-auth.ts";
import { GROUP_ID, WORKSPACE_ID, nameSchema, validated } from "./valibot-body.ts";

export interface ClassGroupsApiDeps extends ClassCallerDeps {
  classes: ClassStore;
  documents: ClassDocuments;
  /** Splits the class's document list when its first group is made. */
  indexes: Pick<IndexSplitter, "ensureSplit">;
  recheck: () => void;
}

/** Groups per class: five groups of five is the common case; 200 leaves room for a whole year's projects. */
export const MAX_GROUPS_PER_CLASS = 200;

const CLASS_ID_PARAM = v.object({ id: WORKSPACE_ID });
const GROUP_PARAM = v.object({ id: WORKSPACE_ID, groupId: GROUP_ID });
const GROUP_BODY = v.strictObject({ name: nameSchema(60, "group name") });

export function mountClassGroupsApi(app: Hono, deps: ClassGroupsApiDeps): void {
  const { classes } = deps;

  app.get("/api/workspaces/:id/groups", validated("param", CLASS_ID_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classMember(c, deps, id);
    if (caller instanceof Response) return caller;
    const teacher = caller.member.role === "teacher";
    const members = teacher ? classes.members(id) : [];
    const locks = new Map(teacher ? deps.documents.groupLocks.all(id).map((l) => [l.groupId, l.lockFrom]) : []);
    const groups = classes
      .groups(id)
      .filter((g) => teacher || caller.member.groupIds.includes(g.id))
      .map((g) => ({
        id: g.id,
        name: g.name,
        ...(teacher
          ? { memberIds: members.filter((m) => m.groupIds.includes(g.id)).map((m) => m.sub), lock: locks.has(g.id) ? { lockFrom: locks.get(g.id) ?? null } : null }
          : {}),
      }));
    return c.json({ groups });
  });

  app.post("/api/workspaces/:id/groups", validated("param", CLASS_ID_PARAM), validated("json", GROUP_BODY), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (classes.groups(id).length >= MAX_GROUPS_PER_CLASS) {
      return apiError(c, 409, "too_many_groups", `a class has at most ${MAX_GROUPS_PER_CLASS} groups`);
    }
    const group = classes.createGroup(id, c.req.valid("json").name);
    // The first group splits the class's document list, before any document can be put in it.
    await deps.indexes.ensureSplit(id);
    return c.json({ group: { id: group.id, name: group.name } }, 201);
  });

  app.patch("/api/workspaces/:id/groups/:groupId", validated("param", GROUP_PARAM), validated("json", GROUP_BODY), async (c) => {
    const { id, groupId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const name = c.req.valid("json").name;
    if (!classes.renameGroup(id, groupId, name)) return apiError(c, 404, "not_found", "no such group in this class");
    return c.json({ group: { id: groupId, name } });
  });

  app.delete("/api/workspaces/:id/groups/:groupId", validated("param", GROUP_PARAM), async (c) => {
    const { id, groupId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const documents = deps.documents.countInGroup(id, groupId);
    if (documents > 0) {
      return apiError(c, 409, "group_not_empty", `${documents} document(s) are still in this group: move them to another group or the class first`);
    }
    if (!classes.deleteGroup(id, groupId)) return apiError(c, 404, "not_found", "no such group in this class");
    // A later group never reuses the id, but a stale lock row is data nobody can see or lift.
    deps.documents.groupLocks.unlock(id, groupId);
    deps.recheck();
    return c.json({ deleted: groupId });
  });
}
