/**
 * @module class-documents-api
 * Documents of a class as the relay decides access to them (issue 13; docs/protocol.md
 * "Classes"):
 *
 * - GET   /api/workspaces/:id/documents — the documents the caller may read (stored ones and
 *   those a teacher placed), each with its group, lock and whether she may write it now.
 *   A student never learns the names of other groups' documents here.
 * - GET   /api/workspaces/:id/documents/:docId/access — may the caller read / write it now,
 *   and why not (403 when she may not read it).
 * - PATCH /api/workspaces/:id/documents/:docId — teachers: `{ groupId?: string | null,
 *   locked?: boolean, lockFrom?: number | null }` puts it in a group or the whole class,
 *   locks it for students (from `lockFrom`, ms since epoch, on) or unlocks it.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { CLASS_INDEX_PART, parseIndexPartDocName, workspaceIndexDocName } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { IndexSplitter } from "../class-index/IndexSplitter.ts";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore, MemberRecord } from "../storage/ClassStore.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classMember, classTeacher } from "./class-auth.ts";
import { DOC_ID, DUE_TIME, GROUP_ID, WORKSPACE_ID, validated } from "./valibot-body.ts";

export interface ClassDocumentsApiDeps extends ClassCallerDeps {
  classes: ClassStore;
  documents: ClassDocuments;
  access: ClassAccess;
  indexes: IndexSplitter;
  recheck: () => void;
}

const CLASS_ID_PARAM = v.object({ id: WORKSPACE_ID });
const DOC_PARAM = v.object({ id: WORKSPACE_ID, docId: DOC_ID });
const DOC_CHANGE = v.pipe(
  v.strictObject({ groupId: v.optional(v.nullable(GROUP_ID)), locked: v.optional(v.boolean()), lockFrom: v.optional(v.nullable(DUE_TIME)) }),
  v.check((b) => b.lockFrom === undefined || b.locked === true, "lockFrom needs locked: true"),
  v.check((b) => b.groupId !== undefined || b.locked !== undefined, "nothing to change: give groupId and/or locked"),
);

export function mountClassDocumentsApi(app: Hono, deps: ClassDocumentsApiDeps): void {
  const { documents, access } = deps;

  app.get("/api/workspaces/:id/documents", validated("param", CLASS_ID_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classMember(c, deps, id);
    if (caller instanceof Response) return caller;
    // A class with groups from before split indexes is split before anyone lists it.
    await deps.indexes.ensureSplit(id);
    const names = new Set([...documents.stored(id), ...documents.placed(id).map((d) => d.doc)]);
    const now = Date.now();
    const listed = [...names]
      .sort()
      // The class's lists (its index and a split index's parts) are not documents.
      .filter((doc) => doc !== workspaceIndexDocName(id) && !parseIndexPartDocName(doc))
      .filter((doc) => access.mayReadDoc(caller.claims, doc).ok)
      .map((doc) => ({ id: doc, ...documents.get(doc), writable: access.mayWriteDoc(caller.claims, doc, now).ok }));
    // Whether anything can be kept from her: only in a class with groups (a class without
    // groups lets every member read every document, as workspaces always did). The app lists
    // and syncs documents it has not heard of yet only when this is false (packages/client
    // DocumentAccess): a new document carried in by a sync file offline shows at once.
    const restricted = deps.classes.groups(id).length > 0;
    return c.json({ documents: listed, restricted, ...(deps.indexes.isSplit(id) ? { index: indexLayout(deps, id, caller.member) } : {}) });
  });

  app.get("/api/workspaces/:id/documents/:docId/access", validated("param", DOC_PARAM), async (c) => {
    const { id, docId } = c.req.valid("param");
    const caller = await classMember(c, deps, id);
    if (caller instanceof Response) return caller;
    const doc = `${id}/${docId}`;
    const read = access.mayReadDoc(caller.claims, doc);
    if (!read.ok) return apiError(c, 403, read.code, read.reason);
    const write = access.mayWriteDoc(caller.claims, doc);
    // Issue 15: whether she may comment (write the document's comments only) when she may not write it.
    const comment = write.ok || access.mayCommentDoc(caller.claims, doc).ok;
    return c.json({ id: doc, read: true, write: write.ok, comment, ...(write.ok ? {} : { reason: { code: write.code, message: write.reason } }) });
  });

  app.patch("/api/workspaces/:id/documents/:docId", validated("param", DOC_PARAM), validated("json", DOC_CHANGE), async (c) => {
    const { id, docId } = c.req.valid("param");
    const body = c.req.valid("json");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (body.groupId && !deps.classes.group(id, body.groupId)) return apiError(c, 400, "unknown_group", `no group ${body.groupId} in this class`);
    // Every member must keep reading and writing the class's list of documents.
    if (docId === "index") return apiError(c, 400, "bad_request", "the class's document list stays class-wide and unlocked");
    const doc = `${id}/${docId}`;
    if (body.groupId !== undefined) {
      documents.assign(doc, body.groupId);
      // Its title follows it: out of the old audience's index doc, into the new one's.
      await deps.indexes.moved(id, docId, body.groupId);
    }
    if (body.locked === true) documents.lock(doc, body.lockFrom ?? null);
    if (body.locked === false) documents.unlock(doc);
    deps.recheck();
    return c.json({ id: doc, ...documents.get(doc) });
  });
}

/**
 * The index docs of a split class this caller reads (`parts`: `class` and group ids, see
 * @quire/core indexPartDocName) and the one her new documents go in (`createIn`: a student's
 * first group, so a new document is her group's from the start; everyone else the class part).
 */
function indexLayout(deps: ClassDocumentsApiDeps, workspace: string, member: MemberRecord): { parts: string[]; createIn: string } {
  const groups = deps.classes.groups(workspace).map((g) => g.id);
  const mine = member.role === "teacher" ? groups : groups.filter((g) => member.groupIds.includes(g));
  const createIn = member.role === "student" && mine[0] !== undefined ? mine[0] : CLASS_INDEX_PART;
  return { parts: [CLASS_INDEX_PART, ...mine], createIn };
}
