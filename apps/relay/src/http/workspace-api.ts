/**
 * @module workspace-api
 * The workspace HTTP API (see docs/protocol.md): create a workspace, join with a code,
 * refresh a token, read a workspace. Bodies are ≤ maxApiBodyBytes of JSON, POSTs are
 * rate-limited per IP.
 */
import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type Role, type TokenClaims, tokenRoleOf } from "@quire/core";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { IndexSplitter } from "../class-index/IndexSplitter.ts";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import type { JoinRequests } from "../storage/JoinRequests.ts";
import { refreshWindow } from "../auth/refresh-lifetime.ts";
import { REFRESH_GRACE_SECONDS } from "@quire/auth";
import type { TokenService } from "../auth/TokenService.ts";
import type { RelayLimits } from "../config.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import { type WorkspaceRecord, type WorkspaceStore, formatJoinCode, normalizeJoinCode } from "../storage/WorkspaceStore.ts";
import type { WorkspaceRegistrations } from "../storage/WorkspaceRegistrations.ts";
import { apiError } from "./api-error.ts";
import { clientIp } from "./client-ip.ts";
import { mountClassDocumentsApi } from "./class-documents-api.ts";
import { mountDocReadersApi } from "./doc-readers-api.ts";
import { mountClassGroupLocksApi } from "./class-group-locks-api.ts";
import { mountClassGroupsApi } from "./class-groups-api.ts";
import { pendingRefusal } from "./class-auth.ts";
import { mountClassJoinRequestsApi } from "./class-join-requests-api.ts";
import { mountClassMembersApi } from "./class-members-api.ts";
import { mountJoinCodeRotation } from "./join-code-rotation.ts";
import { JoinGuard } from "./join-guard.ts";
import { rateLimit } from "./rate-limit.ts";
import { bearerToken, readStringFields } from "./request-body.ts";
import { sameOriginApi } from "./same-origin-api.ts";
import { mountSignInApi } from "./sign-in-api.ts";
import { mountWorkspaceRegistration } from "./workspace-registration.ts";

export interface WorkspaceApiDeps {
  workspaces: WorkspaceStore;
  /** Workspaces created offline, registered under the id their device chose (PUT). */
  registrations: WorkspaceRegistrations;
  revocations: RevocationStore;
  tokens: TokenService;
  limits: RelayLimits;
  /** Classes (issue 13): members, groups, where documents belong, and the decisions on them. */
  classes: ClassStore;
  documents: ClassDocuments;
  access: ClassAccess;
  /** Keeps each audience's index doc (issue 13: no student receives another group's titles). */
  indexes: IndexSplitter;
  /** Class-code joins waiting for a teacher (issue 13). */
  joins: JoinRequests;
  /** Re-checks open sockets against the classes now (ClassWatcher.poll). */
  recheck: () => void;
  /** Sockets open now per member of a class. */
  online: (workspace: string) => Map<string, number>;
  /**
   * More APIs under /api (the history API), mounted after the body limit, same-origin and
   * rate-limit middleware and before the catch-all 404.
   */
  more?: readonly ((app: Hono) => void)[];
}

const WORKSPACE_ID = /^w[a-z0-9]{10}$/;

export function mountWorkspaceApi(app: Hono, deps: WorkspaceApiDeps): void {
  const { workspaces, revocations, tokens, access } = deps;
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.limits.maxApiBodyBytes,
      onError: (c) => apiError(c, 413, "too_large", `request body larger than ${deps.limits.maxApiBodyBytes} bytes`),
    }),
  );
  app.use("/api/*", sameOriginApi());
  const joinGuard = new JoinGuard(deps.limits);
  const limited = rateLimit(deps.limits.apiRequestsPerMinute);
  // Every write (POST, and PUT of an offline-created workspace) counts against the limit.
  app.use("/api/*", async (c, next) => (c.req.method !== "GET" && c.req.method !== "HEAD" ? limited(c, next) : next()));

  app.post("/api/workspaces", async (c) => {
    const body = await readStringFields(c, {
      workspaceName: { min: 1, max: 80, label: "workspace name" },
      userName: { min: 1, max: 40, label: "your name" },
    });
    if (!body.ok) return apiError(c, 400, "bad_request", body.message);
    const sub = newUserId();
    const workspace = workspaces.create(body.value.workspaceName, sub);
    const { token, claims } = tokens.sign({ sub, name: body.value.userName, role: "editor", workspace: workspace.id });
    access.member(claims); // records the creator as the class's teacher, with her name
    return c.json(
      {
        workspace: { id: workspace.id, name: workspace.name },
        user: { id: sub, name: claims.name },
        role: "editor",
        classRole: "teacher",
        owner: true,
        token,
        expiresAt: claims.exp * 1000,
        joinCodes: joinCodes(workspace),
      },
      201,
    );
  });

  app.post("/api/join", async (c) => {
    const body = await readStringFields(c, {
      code: { min: 8, max: 16, label: "join code" },
      userName: { min: 1, max: 40, label: "your name" },
    });
    if (!body.ok) return apiError(c, 400, "bad_request", body.message);
    const ip = clientIp(c);
    const admission = joinGuard.admit(ip, normalizeJoinCode(body.value.code));
    if (!admission.ok) {
      c.header("Retry-After", String(admission.retryAfterSeconds));
      return apiError(c, 429, "rate_limited", admission.message);
    }
    const found = workspaces.findByCode(body.value.code);
    if (!found) {
      joinGuard.failed(ip);
      return apiError(c, 404, "unknown_code", "no workspace has this join code");
    }
    const sub = newUserId();
    // In a class that asks first (a roster exists, or the teacher chose so) the joiner waits
    // for a teacher: recorded before her token is made, so it never counts as a member.
    const waits = deps.joins.effectiveMode(found.workspace.id) === "ask";
    if (waits && !deps.joins.add(found.workspace.id, sub, body.value.userName, found.role)) {
      return apiError(c, 429, "too_many_waiting", "too many people are waiting to join this class: ask your teacher to let them in first");
    }
    const { token, claims } = tokens.sign({ sub, name: body.value.userName, role: found.role, workspace: found.workspace.id });
    // Otherwise a class code makes a new member at once, so the teacher sees her in the
    // roster; a student who already has a roster entry signs in with her personal code.
    const member = access.member(claims);
    return c.json({
      workspace: { id: found.workspace.id, name: found.workspace.name },
      user: { id: sub, name: claims.name },
      role: found.role,
      ...(member && !member.pending ? { classRole: member.role } : {}),
      ...(waits ? { admission: "waiting" } : {}),
      owner: false,
      token,
      expiresAt: claims.exp * 1000,
    });
  });

  app.post("/api/token/refresh", async (c) => {
    const now = Math.floor(Date.now() / 1000);
    const check = await tokens.verify(bearerToken(c), now - REFRESH_GRACE_SECONDS);
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    const { claims } = check;
    // A class member's role and name come from the class now, not from her old token; a
    // removed member gets no new token (the app tells her, her local copy stays hers).
    const member = access.member(claims);
    if (member?.removedAt != null) return apiError(c, 403, "removed", "you were removed from this class");
    if (member?.pending) return pendingRefusal(c, member.pending);
    const lifetime = refreshWindow(claims, deps.limits.maxTokenAgeDays, now);
    if (!lifetime.ok) return apiError(c, 401, "too_old", lifetime.message);
    const { token, claims: fresh } = tokens.sign({
      authTime: lifetime.authTime,
      notAfter: lifetime.notAfter,
      sub: claims.sub,
      name: member?.name || claims.name,
      role: member ? tokenRoleOf(member.role) : claims.role,
      jti: claims.jti,
      ...(claims.doc !== undefined ? { doc: claims.doc } : { workspace: claims.workspace as string }),
    });
    return c.json({ token, expiresAt: fresh.exp * 1000, ...(member ? { classRole: member.role } : {}) });
  });

  app.get("/api/workspaces/:id", async (c) => {
    const id = c.req.param("id");
    const claims = await authorize(c, tokens, revocations);
    if (claims instanceof Response) return claims;
    if (!WORKSPACE_ID.test(id) || claims.workspace !== id) {
      return apiError(c, 403, "forbidden", "token does not grant this workspace");
    }
    const workspace = workspaces.get(id);
    if (!workspace) return apiError(c, 404, "not_found", "no such workspace");
    const owner = workspace.ownerSub === claims.sub;
    const member = access.member(claims);
    if (member?.removedAt != null) return apiError(c, 403, "removed", "you were removed from this class");
    if (member?.pending) return pendingRefusal(c, member.pending);
    return c.json({
      workspace: { id: workspace.id, name: workspace.name },
      role: (member ? tokenRoleOf(member.role) : claims.role) satisfies Role,
      ...(member ? { classRole: member.role } : {}),
      owner,
      ...(owner || member?.role === "teacher" ? { joinCodes: joinCodes(workspace) } : {}),
    });
  });

  mountWorkspaceRegistration(app, { registrations: deps.registrations, tokens });

  mountJoinCodeRotation(app, { workspaces, revocations, tokens, access });
  mountSignInApi(app, { classes: deps.classes, workspaces, tokens, joinGuard });
  const classDeps = { ...deps, tokens, revocations, workspaces, access };
  mountClassMembersApi(app, classDeps);
  mountClassJoinRequestsApi(app, classDeps);
  mountClassGroupsApi(app, classDeps);
  mountClassGroupLocksApi(app, classDeps);
  mountClassDocumentsApi(app, classDeps);
  mountDocReadersApi(app, classDeps);
  for (const mount of deps.more ?? []) mount(app);
  app.all("/api/*", (c) => apiError(c, 404, "not_found", "no such API endpoint"));
}

async function authorize(c: Context, tokens: TokenService, revocations: RevocationStore): Promise<TokenClaims | Response> {
  const check = await tokens.verify(bearerToken(c));
  if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
  if (revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
  return check.claims;
}

function joinCodes(workspace: WorkspaceRecord): { editor: string; viewer: string } {
  return { editor: formatJoinCode(workspace.editorCode), viewer: formatJoinCode(workspace.viewerCode) };
}

function newUserId(): string {
  return `u_${randomBytes(9).toString("base64url")}`;
}
