/**
 * @module doc-readers-api
 * Who can read a document, for the comment box's `@` mention picker (issue 15):
 *
 * - GET /api/workspaces/:id/documents/:docId/readers — `{ readers: [{ id, name }] }`: the
 *   class members (not removed) the relay would let open the document — its group's members
 *   plus the teachers, or everyone for a class-wide document — sorted by name.
 *
 * Minimal data: member id and display name only (no roles, groups, activity or codes — the
 * roster with those is for teachers: class-members-api.ts). Access-checked: the caller must
 * be a member who may read the document herself (403 otherwise), so a student never learns
 * who is in another group through it. Members without a name yet (a token with an empty
 * name) are left out: a mention needs a name to type.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { canRead } from "../access/access-decision.ts";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classMember } from "./class-auth.ts";
import { DOC_ID, WORKSPACE_ID, validated } from "./valibot-body.ts";

export interface DocReadersApiDeps extends ClassCallerDeps {
  classes: ClassStore;
  documents: ClassDocuments;
}

/**
 * Most readers one answer lists: far above a class (a roster of 40 and a few teachers), it
 * bounds the answer for a hostile roster of thousands; the picker narrows by typing anyway.
 */
export const MAX_DOC_READERS = 500;

const DOC_PARAM = v.object({ id: WORKSPACE_ID, docId: DOC_ID });

export function mountDocReadersApi(app: Hono, deps: DocReadersApiDeps): void {
  app.get("/api/workspaces/:id/documents/:docId/readers", validated("param", DOC_PARAM), async (c) => {
    const { id, docId } = c.req.valid("param");
    const caller = await classMember(c, deps, id);
    if (caller instanceof Response) return caller;
    const doc = `${id}/${docId}`;
    const read = deps.access.mayReadDoc(caller.claims, doc);
    if (!read.ok) return apiError(c, 403, read.code, read.reason);
    const placement = deps.documents.get(doc);
    const readers = deps.classes
      .members(id)
      .filter((m) => m.name.trim() !== "" && canRead({ role: m.role, groupIds: new Set(m.groupIds), removed: m.removedAt !== null }, placement).ok)
      .map((m) => ({ id: m.sub, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
      .slice(0, MAX_DOC_READERS);
    // Private: names of classmates; the app keeps its own copy for offline use.
    c.header("cache-control", "private, no-store");
    return c.json({ readers });
  });
}
