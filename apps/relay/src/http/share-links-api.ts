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
 */
import type { Hono } from "hono";
import * as v from "valibot";
import type { TokenService } from "../auth/TokenService.ts";
import type { ShareLinks } from "../storage/ShareLinks.ts";
import { apiError } from "./api-error.ts";
import { type ClassCallerDeps, classTeacher } from "./class-auth.ts";
import { DOC_ID, WORKSPACE_ID, nameSchema, validated } from "./valibot-body.ts";

export interface ShareLinksApiDeps extends ClassCallerDeps {
  links: ShareLinks;
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
const CREATE = v.strictObject({ docId: DOC_ID, label: nameSchema(60, "label") });
const EXCHANGE = v.strictObject({ secret: v.pipe(v.string("secret must be a string"), v.regex(/^[A-Za-z0-9_-]{43}$/, "secret must be 43 base64url characters")) });

export function mountShareLinksApi(app: Hono, deps: ShareLinksApiDeps): void {
  const { links } = deps;

  app.post("/api/workspaces/:id/share-links", validated("param", CLASS_PARAM), validated("json", CREATE), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    const { docId, label } = c.req.valid("json");
    // The class's list of documents names every document: not for outside eyes.
    if (docId === "index") return apiError(c, 400, "bad_request", "the class's document list cannot be shared");
    if (links.active(id).length >= MAX_SHARE_LINKS_PER_CLASS) {
      return apiError(c, 409, "too_many_links", `a class has at most ${MAX_SHARE_LINKS_PER_CLASS} working share links: revoke some first`);
    }
    const { link, secret } = links.create(id, `${id}/${docId}`, label);
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
    deps.closeRevoked();
    return c.json({ revoked: linkId });
  });

  app.post("/api/share", validated("json", EXCHANGE), (c) => {
    const link = links.find(c.req.valid("json").secret);
    const workspace = link ? deps.workspaces.get(link.workspace) : null;
    if (!link || !workspace) return apiError(c, 404, "unknown_link", "this share link does not work (it may have been revoked)");
    const { token, claims } = deps.tokens.sign({ sub: link.id, name: link.label, role: "viewer", doc: link.doc, jti: link.id, ttlSeconds: SHARE_TOKEN_TTL_SECONDS });
    return c.json({ workspace: { id: workspace.id, name: workspace.name }, doc: link.doc, label: link.label, role: "viewer", token, expiresAt: claims.exp * 1000 });
  });
}

function view(link: { id: string; doc: string; label: string; createdAt: number }) {
  return { id: link.id, docId: link.doc.slice(link.doc.indexOf("/") + 1), label: link.label, createdAt: link.createdAt };
}
