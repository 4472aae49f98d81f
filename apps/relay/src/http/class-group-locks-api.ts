/**
 * @module class-group-locks-api
 * Locking a whole group's documents for students (issue 13; docs/protocol.md "Classes"):
 *
 * - PUT    /api/workspaces/:id/groups/:groupId/lock — teachers: `{ lockFrom?: number | null }`
 *   locks every document of the group, now (no `lockFrom`, or null) or from `lockFrom` (ms
 *   since epoch) on. Documents put in the group later are locked too (GroupLocks).
 * - DELETE /api/workspaces/:id/groups/:groupId/lock — teachers: lifts the group's lock;
 *   documents locked one by one stay locked (PATCH …/documents/:docId to unlock those).
 *
 * Students' live sockets need no closing: every update frame is decided anew, so the first
 * edit after the due time is refused with 4533 "locked".
 */
import type { Hono } from "hono";
import * as v from "valibot";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classTeacher } from "./class-auth.ts";
import { DUE_TIME, GROUP_ID, WORKSPACE_ID, validated } from "./valibot-body.ts";

export interface ClassGroupLocksApiDeps extends ClassCallerDeps {
  classes: ClassStore;
  documents: ClassDocuments;
  recheck: () => void;
}

const GROUP_PARAM = v.object({ id: WORKSPACE_ID, groupId: GROUP_ID });
const LOCK_BODY = v.strictObject({ lockFrom: v.optional(v.nullable(DUE_TIME)) });

export function mountClassGroupLocksApi(app: Hono, deps: ClassGroupLocksApiDeps): void {
  const locks = deps.documents.groupLocks;

  app.put("/api/workspaces/:id/groups/:groupId/lock", validated("param", GROUP_PARAM), validated("json", LOCK_BODY), async (c) => {
    const { id, groupId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (!deps.classes.group(id, groupId)) return apiError(c, 404, "not_found", "no such group in this class");
    const lockFrom = c.req.valid("json").lockFrom ?? null;
    locks.lock(id, groupId, lockFrom);
    deps.recheck();
    return c.json({ lock: { groupId, lockFrom } });
  });

  app.delete("/api/workspaces/:id/groups/:groupId/lock", validated("param", GROUP_PARAM), async (c) => {
    const { id, groupId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (!deps.classes.group(id, groupId)) return apiError(c, 404, "not_found", "no such group in this class");
    const unlocked = locks.unlock(id, groupId);
    deps.recheck();
    return c.json({ groupId, unlocked });
  });
}
