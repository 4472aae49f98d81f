/**
 * @module hub-status-api
 * What a classroom hub tells the people it serves (issue 14, item 2):
 * - `GET /api/hub/status`: when it last synced with the school server, how many documents
 *   wait, the bytes it moved, and why the last attempt failed — what the teacher's UI shows
 *   ("last synced with the school server at 14:02").
 * - `GET /api/hub/upstream?doc=<class>/<id>&clients=<id>,<id>`: whether the school server
 *   holds one document as the hub does, and the clocks it holds for the asking device's own
 *   client ids — the students' third save level ("Saved to the school server"). An open
 *   editor polls it only while some of its changes are on the hub and not yet upstream.
 * - `GET /api/hub`: `{ hub: true|false }`, no token: how the app learns it talks to a hub
 *   (one request per session; a relay's being a hub is no secret: it prints its LAN URL).
 * The first two are for a member of a class the hub carries (a token for one of its classes)
 * or the operator; a relay that is not a hub answers them 404.
 */
import type { Hono, Context } from "hono";
import { isOperatorToken } from "@quire/auth";
import { type TokenClaims, claimsCoverDoc, isValidDocName, workspaceOf } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { TokenService } from "../auth/TokenService.ts";
import { apiError } from "../http/api-error.ts";
import { bearerToken } from "../http/request-body.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { Replicator } from "./Replicator.ts";

/**
 * Client ids one upstream question may name. A device makes one client id per load of a
 * document and asks only for those with changes not yet upstream (usually one or two); more
 * than this wait for the document's `inSync` answer instead. Bounds the query and the answer.
 */
export const MAX_UPSTREAM_CLIENTS = 32;

export interface HubStatusDeps {
  replicator: Replicator | null;
  classes: readonly string[];
  tokens: TokenService;
  revocations: RevocationStore;
  operatorToken: string;
  access: ClassAccess;
}

export function mountHubStatusApi(app: Hono, deps: HubStatusDeps): void {
  app.get("/api/hub", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ hub: deps.replicator !== null });
  });

  app.get("/api/hub/status", async (c) => {
    if (!deps.replicator) return apiError(c, 404, "not_a_hub", "this relay is not a classroom hub (no UPSTREAM_URL)");
    const caller = await hubCaller(c, deps);
    if (caller instanceof Response) return caller;
    c.header("Cache-Control", "no-store");
    return c.json(deps.replicator.status());
  });

  app.get("/api/hub/upstream", async (c) => {
    if (!deps.replicator) return apiError(c, 404, "not_a_hub", "this relay is not a classroom hub (no UPSTREAM_URL)");
    const doc = c.req.query("doc");
    const clients = parseClients(c.req.query("clients") ?? "");
    if (!isValidDocName(doc) || !deps.classes.includes(workspaceOf(doc) ?? "")) {
      return apiError(c, 400, "bad_request", "doc must name a document of a class this hub carries");
    }
    if (clients === null) return apiError(c, 400, "bad_request", `clients: up to ${MAX_UPSTREAM_CLIENTS} comma-separated client ids`);
    const caller = await hubCaller(c, deps);
    if (caller instanceof Response) return caller;
    if (caller !== "operator") {
      const read = claimsCoverDoc(caller, doc) ? deps.access.mayReadDoc(caller, doc) : { ok: false as const, code: "forbidden", reason: "not your document" };
      if (!read.ok) return apiError(c, 403, read.code, read.reason);
    }
    c.header("Cache-Control", "no-store");
    return c.json({ doc, ...deps.replicator.confirmations.report(doc, clients) });
  });
}

/** The operator, or the verified claims of a member of a class this hub carries; else the error response. */
async function hubCaller(c: Context, deps: HubStatusDeps): Promise<TokenClaims | "operator" | Response> {
  const token = bearerToken(c);
  if (token !== null && isOperatorToken(token, deps.operatorToken)) return "operator";
  const check = await deps.tokens.verify(token ?? undefined);
  if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
  if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
  const scope = check.claims.workspace ?? check.claims.doc?.split("/")[0];
  if (scope === undefined || !deps.classes.includes(scope)) return apiError(c, 403, "forbidden", "this hub does not carry your class");
  return check.claims;
}

/** `1,2,3` → client ids (Yjs: unsigned 32-bit; safe integers accepted), or null when malformed. */
function parseClients(text: string): number[] | null {
  if (text === "") return [];
  const parts = text.split(",");
  if (parts.length > MAX_UPSTREAM_CLIENTS) return null;
  const ids: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,16}$/.test(part)) return null;
    const id = Number(part);
    if (!Number.isSafeInteger(id)) return null;
    ids.push(id);
  }
  return ids;
}
