/**
 * @module join-code-rotation
 * POST /api/workspaces/:id/join-codes — a teacher of the class (its creator, or a member a
 * teacher made one: issue 13) replaces both join codes (security finding S6: a removed member
 * could rejoin with the same code for ever); the answer carries the new codes. Members
 * already in keep their access: removing one is DELETE /api/workspaces/:id/members/:memberId.
 */
import type { Hono } from "hono";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { TokenService } from "../auth/TokenService.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import { type WorkspaceStore, formatJoinCode } from "../storage/WorkspaceStore.ts";
import { apiError } from "./api-error.ts";
import { bearerToken } from "./request-body.ts";

export interface JoinCodeRotationDeps {
  workspaces: WorkspaceStore;
  revocations: RevocationStore;
  tokens: TokenService;
  access: ClassAccess;
}

const WORKSPACE_ID = /^w[a-z0-9]{10}$/;

export function mountJoinCodeRotation(app: Hono, deps: JoinCodeRotationDeps): void {
  app.post("/api/workspaces/:id/join-codes", async (c) => {
    const check = await deps.tokens.verify(bearerToken(c));
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    const id = c.req.param("id");
    const workspace = WORKSPACE_ID.test(id) && check.claims.workspace === id ? deps.workspaces.get(id) : null;
    if (!workspace || !deps.access.isTeacher(check.claims, id)) {
      return apiError(c, 403, "forbidden", "only a teacher of this class can change its join codes");
    }
    const rotated = deps.workspaces.rotateCodes(id);
    if (!rotated) return apiError(c, 404, "not_found", "no such workspace");
    return c.json({ joinCodes: { editor: formatJoinCode(rotated.editorCode), viewer: formatJoinCode(rotated.viewerCode) } });
  });
}
