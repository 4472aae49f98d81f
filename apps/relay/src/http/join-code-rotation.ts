/**
 * @module join-code-rotation
 * POST /api/workspaces/:id/join-codes — the workspace's owner replaces both join codes
 * (security finding S6: a removed member could rejoin with the same code for ever). Only the
 * owner's token (its `sub` is the workspace's owner) may rotate; the answer carries the new
 * codes. Members already in keep their access: removing one is revoking their token.
 */
import type { Hono } from "hono";
import type { TokenService } from "../auth/TokenService.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import { type WorkspaceStore, formatJoinCode } from "../storage/WorkspaceStore.ts";
import { apiError } from "./api-error.ts";
import { bearerToken } from "./request-body.ts";

export interface JoinCodeRotationDeps {
  workspaces: WorkspaceStore;
  revocations: RevocationStore;
  tokens: TokenService;
}

const WORKSPACE_ID = /^w[a-z0-9]{10}$/;

export function mountJoinCodeRotation(app: Hono, deps: JoinCodeRotationDeps): void {
  app.post("/api/workspaces/:id/join-codes", async (c) => {
    const check = await deps.tokens.verify(bearerToken(c));
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    const id = c.req.param("id");
    const workspace = WORKSPACE_ID.test(id) && check.claims.workspace === id ? deps.workspaces.get(id) : null;
    if (!workspace || workspace.ownerSub !== check.claims.sub || check.claims.role !== "editor") {
      return apiError(c, 403, "forbidden", "only the workspace's owner can change its join codes");
    }
    const rotated = deps.workspaces.rotateCodes(id);
    if (!rotated) return apiError(c, 404, "not_found", "no such workspace");
    return c.json({ joinCodes: { editor: formatJoinCode(rotated.editorCode), viewer: formatJoinCode(rotated.viewerCode) } });
  });
}
