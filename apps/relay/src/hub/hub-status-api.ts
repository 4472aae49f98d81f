/**
 * @module hub-status-api
 * `GET /api/hub/status` on a classroom hub (issue 14, item 2): when it last synced with the
 * school server, how many documents wait, the bytes it moved, and why the last attempt
 * failed — what the teacher's UI shows ("last synced with the school server at 14:02").
 * For a member of a class the hub carries (a token for one of its classes) or the operator;
 * a relay that is not a hub answers 404.
 */
import type { Hono } from "hono";
import { isOperatorToken } from "@quire/auth";
import type { TokenService } from "../auth/TokenService.ts";
import { apiError } from "../http/api-error.ts";
import { bearerToken } from "../http/request-body.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { Replicator } from "./Replicator.ts";

export interface HubStatusDeps {
  replicator: Replicator | null;
  classes: readonly string[];
  tokens: TokenService;
  revocations: RevocationStore;
  operatorToken: string;
}

export function mountHubStatusApi(app: Hono, deps: HubStatusDeps): void {
  app.get("/api/hub/status", async (c) => {
    if (!deps.replicator) return apiError(c, 404, "not_a_hub", "this relay is not a classroom hub (no UPSTREAM_URL)");
    const token = bearerToken(c);
    if (!(token !== null && isOperatorToken(token, deps.operatorToken))) {
      const check = await deps.tokens.verify(token ?? undefined);
      if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
      if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
      const scope = check.claims.workspace ?? check.claims.doc?.split("/")[0];
      if (scope === undefined || !deps.classes.includes(scope)) return apiError(c, 403, "forbidden", "this hub does not carry your class");
    }
    c.header("Cache-Control", "no-store");
    return c.json(deps.replicator.status());
  });
}
