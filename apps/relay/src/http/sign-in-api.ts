/**
 * @module sign-in-api
 * POST /api/sign-in `{ code }` — a student signs in as herself with her personal sign-in code
 * (issue 13), on any device: the token names her member id (`sub`), so her phone and the
 * school laptop are one member in presence, history and contributions.
 *
 * Guessing is held back exactly as for class codes (JoinGuard, the same budgets: a wrong
 * personal code counts as a failed join), and a code is 10 characters (31^10 ≈ 8e14).
 * A removed member's code is gone with her; a disabled code is refused like a wrong one.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { tokenRoleOf } from "@quire/core";
import type { TokenService } from "../auth/TokenService.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import { normalizeJoinCode } from "../storage/WorkspaceStore.ts";
import type { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import { apiError } from "./api-error.ts";
import { clientIp } from "./client-ip.ts";
import type { JoinGuard } from "./join-guard.ts";
import { validated } from "./valibot-body.ts";

export interface SignInApiDeps {
  classes: ClassStore;
  workspaces: WorkspaceStore;
  tokens: TokenService;
  joinGuard: JoinGuard;
}

const SIGN_IN = v.strictObject({ code: v.pipe(v.string("code must be a string"), v.minLength(10), v.maxLength(16, "code must be 10–16 characters")) });

export function mountSignInApi(app: Hono, deps: SignInApiDeps): void {
  app.post("/api/sign-in", validated("json", SIGN_IN), async (c) => {
    const { code } = c.req.valid("json");
    const ip = clientIp(c);
    const admission = deps.joinGuard.admit(ip, normalizeJoinCode(code));
    if (!admission.ok) {
      c.header("Retry-After", String(admission.retryAfterSeconds));
      return apiError(c, 429, "rate_limited", admission.message);
    }
    const member = deps.classes.findBySignInCode(code);
    const workspace = member ? deps.workspaces.get(member.workspace) : null;
    if (!member || !workspace) {
      deps.joinGuard.failed(ip);
      return apiError(c, 404, "unknown_code", "no member has this sign-in code (it may have been changed or turned off)");
    }
    const role = tokenRoleOf(member.role);
    const { token, claims } = deps.tokens.sign({ sub: member.sub, name: member.name, role, workspace: workspace.id });
    return c.json({
      workspace: { id: workspace.id, name: workspace.name },
      user: { id: member.sub, name: member.name },
      role,
      classRole: member.role,
      owner: workspace.ownerSub === member.sub,
      token,
      expiresAt: claims.exp * 1000,
    });
  });
}
