/**
 * @module workspace-registration
 * `PUT /api/workspaces/:id` — registers a workspace a device created with no network (local
 * first), under the id the device chose, once the relay is reachable. The body is
 * `{ workspaceName, userName, registrationKey }`; the answer is the same membership
 * `POST /api/workspaces` returns (owner token, join codes): 201 the first time, 200 when the
 * same device retries (same key), 409 `workspace_exists` for an id that exists otherwise.
 *
 * Validated here, at the boundary: the id (`w` + 10 of [a-z0-9], what the relay itself hands
 * out, so every doc name under it stays valid), the names, and a registration key of 22–64
 * base64url characters (the web app sends 128 random bits). The user id is still chosen by
 * the relay: a client never picks its own `sub`.
 */
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import type { TokenService } from "../auth/TokenService.ts";
import { type WorkspaceRecord, formatJoinCode } from "../storage/WorkspaceStore.ts";
import type { WorkspaceRegistrations } from "../storage/WorkspaceRegistrations.ts";
import { apiError } from "./api-error.ts";
import { readStringFields } from "./request-body.ts";

const WORKSPACE_ID = /^w[a-z0-9]{10}$/;
const REGISTRATION_KEY = /^[A-Za-z0-9_-]{22,64}$/;

export interface WorkspaceRegistrationDeps {
  registrations: WorkspaceRegistrations;
  tokens: TokenService;
}

export function mountWorkspaceRegistration(app: Hono, deps: WorkspaceRegistrationDeps): void {
  app.put("/api/workspaces/:id", async (c) => {
    const id = c.req.param("id");
    if (!WORKSPACE_ID.test(id)) return apiError(c, 400, "bad_request", "workspace id must be w followed by 10 of a-z, 0-9");
    const body = await readStringFields(c, {
      workspaceName: { min: 1, max: 80, label: "workspace name" },
      userName: { min: 1, max: 40, label: "your name" },
      registrationKey: { min: 22, max: 64, label: "registration key" },
    });
    if (!body.ok) return apiError(c, 400, "bad_request", body.message);
    if (!REGISTRATION_KEY.test(body.value.registrationKey)) {
      return apiError(c, 400, "bad_request", "registrationKey must be 22–64 base64url characters");
    }
    const result = deps.registrations.register(id, body.value.workspaceName, newUserId(), body.value.registrationKey);
    if (result.kind === "conflict") {
      return c.json({ error: { code: "workspace_exists", message: "a workspace with this id already exists" } }, 409);
    }
    const { workspace } = result;
    const sub = workspace.ownerSub;
    const { token, claims } = deps.tokens.sign({ sub, name: body.value.userName, role: "editor", workspace: workspace.id });
    return c.json(
      {
        workspace: { id: workspace.id, name: workspace.name },
        user: { id: sub, name: claims.name },
        role: "editor",
        owner: true,
        token,
        expiresAt: claims.exp * 1000,
        joinCodes: joinCodes(workspace),
      },
      result.kind === "created" ? 201 : 200,
    );
  });
}

function joinCodes(workspace: WorkspaceRecord): { editor: string; viewer: string } {
  return { editor: formatJoinCode(workspace.editorCode), viewer: formatJoinCode(workspace.viewerCode) };
}

function newUserId(): string {
  return `u_${randomBytes(9).toString("base64url")}`;
}
