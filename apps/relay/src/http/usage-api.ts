/**
 * @module usage-api
 * `GET /api/workspaces/:id/usage` → `{ workspace: {usedBytes, quotaBytes}, member:
 * {usedBytes, quotaBytes} }`: the workspace's stored bytes and the caller's own, with the
 * quotas (null: none), so the owner (teacher) sees how full the workspace is before writes
 * are refused with 4532 (security review S5).
 *
 * Who may read it: a workspace token with the editor role — the owner and every editor, the
 * people whose writes the quota can refuse. Viewers cannot write and get 403: byte counts
 * tell how busy a workspace is, which they need not know. `usedBytes` counts the stored
 * document data (update rows), not SQLite's own overhead.
 */
import type { Hono } from "hono";
import type { TokenService } from "../auth/TokenService.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { StorageUsage } from "@quire/storage-sqlite";
import { apiError } from "./api-error.ts";
import { bearerToken } from "./request-body.ts";

export interface UsageApiDeps {
  usage: StorageUsage;
  revocations: RevocationStore;
  tokens: TokenService;
}

const WORKSPACE_ID = /^w[a-z0-9]{10}$/;

export function mountUsageApi(app: Hono, deps: UsageApiDeps): void {
  app.get("/api/workspaces/:id/usage", async (c) => {
    c.header("Cache-Control", "no-store");
    const check = await deps.tokens.verify(bearerToken(c));
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    const { claims } = check;
    if (deps.revocations.isRevoked(claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    const id = c.req.param("id");
    if (!WORKSPACE_ID.test(id) || claims.workspace !== id) return apiError(c, 403, "forbidden", "token does not grant this workspace");
    if (claims.role !== "editor") return apiError(c, 403, "forbidden", "only members who can edit see storage use");
    return c.json({ workspace: deps.usage.workspace(id), member: deps.usage.member(claims.sub) });
  });
}
