/**
 * @module hub-credential-api
 * `POST /api/workspaces/:id/hub-credential` `{ name }` — a teacher of the class gets a
 * credential for a classroom hub (issue 14, item 1): the hub's UPSTREAM_CREDENTIAL. The answer
 * shows it once, with its id (`jti`: `token --revoke <jti>` unlinks the hub) and expiry.
 * A credential for several classes comes from the operator's `token --hub --class …` CLI: a
 * teacher's token proves her role in one class only.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { apiError } from "../http/api-error.ts";
import { type ClassCallerDeps, classTeacher } from "../http/class-auth.ts";
import { WORKSPACE_ID, nameSchema, validated } from "../http/valibot-body.ts";
import { log } from "../log.ts";

const PARAMS = v.object({ id: WORKSPACE_ID });
const BODY = v.strictObject({ name: nameSchema(80, "hub name") });

export function mountHubCredentialApi(app: Hono, deps: ClassCallerDeps): void {
  app.post("/api/workspaces/:id/hub-credential", validated("param", PARAMS), validated("json", BODY), async (c) => {
    const { id } = c.req.valid("param");
    const caller = await classTeacher(c, deps, id);
    if (caller instanceof Response) return caller;
    let signed: ReturnType<typeof deps.tokens.signHub>;
    try {
      signed = deps.tokens.signHub({ name: c.req.valid("json").name, classes: [id] });
    } catch (error) {
      return apiError(c, 400, "bad_request", error instanceof Error ? error.message : String(error));
    }
    const { claims } = signed;
    log.info("hub credential issued", { class: id, hub: claims.sub, jti: claims.jti, by: caller.claims.sub });
    return c.json(
      { credential: signed.credential, hub: { id: claims.sub, name: claims.name, classes: claims.classes, jti: claims.jti, expiresAt: claims.exp * 1000 } },
      201,
    );
  });
}
