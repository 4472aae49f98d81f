/**
 * @module share-links-api
 * Read-only share links (issue 13; docs/protocol.md "Classes"):
 *
 * - POST   /api/workspaces/:id/share-links `{ docId, label }` — teachers: a link for one
 *   document; 201 `{ link, secret }` (the secret is shown once; the app puts it in
 *   `/share#<secret>`, a fragment, so it never reaches a server log).
 * - GET    /api/workspaces/:id/share-links — teachers: the links that still work.
 * - DELETE /api/workspaces/:id/share-links/:linkId — teachers: revokes it; its tokens are
 *   refused from now on and their open sockets are closed (4403) at once.
 * - POST   /api/share `{ secret }` — anyone: a viewer token for the link's document only
 *   (`doc` claim, role viewer): it reads that document and writes nothing; 404 when the link
 *   is unknown or revoked.
 *
 * A link may cover every document of the class (`{ groupId: null, label }`) or of one group
 * (`{ groupId, label }`) instead of one document: its token is then a workspace token whose
 * `sub` is the link id (role viewer). ClassAccess makes it a viewer never recorded in the
 * roster: it lists and reads the class's documents (a group link: the group's and the
 * class-wide ones), writes and comments on none, and the teacher-only routes (the roster)
 * refuse it. Revoking works as for one document.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import type { TokenService } from "../auth/TokenService.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import { type ShareLinks, scopeOf } from "../storage/ShareLinks.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classTeacher } from "./class-auth.ts";
import { DOC_ID, GROUP_ID, WORKSPACE_ID, nameSchema, validated } from "./valibot-body.ts";

export interface ShareLinksApiDeps extends ClassCallerDeps {
  links: ShareLinks;
  classes: ClassStore;
  tokens: TokenService;
  /** Closes the sockets of newly revoked tokens now (RevocationWatcher.poll). */
  closeRevoked: () => void;
}

/**
 * Working links per class: a link per student's parents for a few documents each fits; the
 * bound keeps one teacher's requests from growing the table without end.
 */
export const MAX_SHARE_LINKS_PER_CLASS = 500;
/** Share tokens last 30 days: a parent's look at a term's work; the link mints a new one after. */
const SHARE_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

const CLASS_PARAM = v.object({ id: WORKSPACE_ID });
const LINK_PARAM = v.object({ id: WORKSPACE_ID, linkId: v.pipe(v.string(), v.regex(/^sl_[A-Za-z0-9_-]{16}$/, "link id must be sl_ followed by 16 base64url characters")) });
const CREATE = v.union(
  [v.strictObject({ docId: DOC_ID, label: nameSchema(60, "label") }), v.strictObject({ groupId: v.nullable(GROUP_ID), label: nameSchema(60, "label") })],
  "body must be { docId, label } for one document or { groupId (null: the whole class), label }",
);
const EXCHANGE = v.strictObject({ secret: v.pipe(v.string("secret must be a string"), v.regex(/^[A-Za-z0-9_-]{43}$/, "secret must be 43 base64url characters")) });

export function mountShareLinksApi(app: Hono, deps: ShareLinksApiDeps): void {
  const { links } = deps;

  app.post("/api/workspaces/:id/share-links", validated("param", CLASS_PARAM), validated("json", CREATE), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const body = c.req.valid("json");
    // The class's list of documents names every document: not for outside eyes.
    if ("docId" in body && body.docId === "index") return apiError(c, 400, "bad_request", "the class's document list cannot be shared");
    if ("groupId" in body && body.groupId !== null && !deps.classes.group(id, body.groupId)) {
      return apiError(c, 400, "unknown_group", `no group ${body.groupId} in this class`);
    }
    if (links.active(id).length >= MAX_SHARE_LINKS_PER_CLASS) {
      return apiError(c, 409, "too_many_links", `a class has at most ${MAX_SHARE_LINKS_PER_CLASS} working share links: revoke some first`);
    }
    const { link, secret } = "docId" in body ? links.create(id, `${id}/${body.docId}`, body.label) : links.createScoped(id, body.groupId, body.label);
    return c.json({ link: view(link), secret }, 201);
  });

  app.get("/api/workspaces/:id/share-links", validated("param", CLASS_PARAM), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    return c.json({ links: links.active(id).map(view) });
  });

  app.delete("/api/workspaces/:id/share-links/:linkId", validated("param", LINK_PARAM), async (c) => {
    const { id, linkId } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    if (!links.revoke(id, linkId)) return apiError(c, 404, "not_found", "no such working share link in this class");
    deps.revocations.revoke(linkId);
    // A class or group link's viewer is cached by ClassAccess until the class changes.
    deps.classes.changed(id);
    deps.closeRevoked();
    return c.json({ revoked: linkId });
  });

  app.post("/api/share", validated("json", EXCHANGE), (c) => {
    const link = links.find(c.req.valid("json").secret);
    const workspace = link ? deps.workspaces.get(link.workspace) : null;
    if (!link || !workspace) return apiError(c, 404, "unknown_link", "this share link does not work (it may have been revoked)");
    const scope = scopeOf(link);
    const covers = scope.kind === "doc" ? { doc: link.doc } : { workspace: workspace.id };
    const { token, claims } = deps.tokens.sign({ sub: link.id, name: link.label, role: "viewer", ...covers, jti: link.id, ttlSeconds: SHARE_TOKEN_TTL_SECONDS });
    return c.json({
      workspace: { id: workspace.id, name: workspace.name },
      doc: scope.kind === "doc" ? link.doc : null,
      ...(scope.kind === "doc" ? {} : { groupId: scope.kind === "group" ? scope.groupId : null }),
      label: link.label,
      role: "viewer",
      token,
      expiresAt: claims.exp * 1000,
    });
  });
}

function view(link: { id: string; workspace: string; doc: string; label: string; createdAt: number }) {
  const scope = scopeOf(link);
  if (scope.kind !== "doc") return { id: link.id, docId: null, groupId: scope.kind === "group" ? scope.groupId : null, label: link.label, createdAt: link.createdAt };
  return { id: link.id, docId: link.doc.slice(link.doc.indexOf("/") + 1), label: link.label, createdAt: link.createdAt };
}
