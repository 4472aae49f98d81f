/**
 * @module history-api
 * The relay's history over HTTP (issue 12, item 7; docs/protocol.md "History API"):
 *
 *   GET    /api/docs/{doc}/versions                → {versions:[{id,at,kind,name?,by}]} oldest first
 *   GET    /api/docs/{doc}/versions/{id}/update    → application/octet-stream (Yjs update v1)
 *   POST   /api/docs/{doc}/versions {name,handIn?} → 201 {id}
 *   PATCH  /api/docs/{doc}/versions/{id} {name}    → 200 (a hand-in: 409)
 *   DELETE /api/docs/{doc}/versions/{id}           → 200 (a hand-in: 409; automatic versions: 409)
 *   POST   /api/docs/{doc}/restore {version}       → 200; connected clients receive the result
 *   POST   /api/docs/{doc}/revert-member {userId,from,to} → 200
 *   GET    /api/docs/{doc}/contributions[?format=csv]
 *   GET    /api/docs/{doc}/history[?after=&limit=] → provenance records, bindings, checkpoints
 *
 * The same bearer token as the socket; what it may do is `docAccess` (one function). Doc
 * names are URL-encoded path segments (`w…%2Fd…`). Every input is checked by a valibot schema
 * in Hono's validator middleware; errors are `{error:{code,message}}` like the rest of the API.
 */
import { vValidator } from "@hono/valibot-validator";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { GenericSchema } from "valibot";
import type { TokenClaims } from "@quire/core";
import { contributionsCsv } from "@quire/history";
import type { TokenService } from "../auth/TokenService.ts";
import { isShareLinkSubject } from "../access/share-link-subject.ts";
import { type DocAccess, docAccess, type MemberAccess } from "../history/doc-access.ts";
import { HistoryError, type HistoryService } from "../history/HistoryService.ts";
import type { VersionEntry } from "../history/version-list.ts";
import { RelayCommitError } from "../history/commit-as-relay.ts";
import { PlanQueueFullError, PlanTimeoutError } from "../history/PlanWorker.ts";
import type { RelayLimits } from "../config.ts";
import { log } from "../log.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import { apiError } from "./api-error.ts";
import {
  ContributionsQuery,
  CreateVersionBody,
  DocParams,
  HistoryQuery,
  RenameVersionBody,
  RestoreBody,
  RevertMemberBody,
  VersionParams,
} from "./history-schemas.ts";
import { bearerToken } from "./request-body.ts";

export interface HistoryApiDeps {
  history: HistoryService;
  tokens: TokenService;
  revocations: RevocationStore;
  limits: Pick<RelayLimits, "historyPageRecords">;
  /** Classes' per-member decisions (groups, roles, locks); absent: the token's role decides. */
  access?: MemberAccess;
}

type Env = { Variables: { claims: TokenClaims } };

/** Checks an input with `schema`; a failure answers 400 with the first issue's message. */
function valid<S extends GenericSchema, T extends "param" | "json" | "query">(target: T, schema: S) {
  return vValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.issues[0];
      const where = issue?.path?.map((p) => String(p.key)).join(".");
      return apiError(c, 400, target === "param" ? "bad_path" : "bad_request", `${where ? `${where}: ` : ""}${issue?.message ?? "invalid input"}`);
    }
    return undefined;
  });
}

/** 403 unless the token may `need` the doc (viewer → read only). */
function allowed(c: Context<Env>, doc: string, need: Exclude<DocAccess, null>, members?: MemberAccess): Response | null {
  // A parent or partner school reads the document through a share link, not who wrote it:
  // history and contributions name the students (a data-protection officer's first question).
  if (isShareLinkSubject(c.get("claims").sub)) return apiError(c, 403, "share_link", "a share link reads the document, not its history (history names the students who wrote it)");
  const access = docAccess(c.get("claims"), doc, members);
  if (access === null) return apiError(c, 403, "forbidden", "your token does not grant this document");
  if (need === "edit" && access !== "edit") return apiError(c, 403, "read_only", "your role can read this document's history but not change it");
  return null;
}

export function historyApi(deps: HistoryApiDeps): Hono<Env> {
  const { history } = deps;
  const api = new Hono<Env>();
  /** GET …/versions bodies by the list they were written from (dropped with it). */
  const listBodies = new WeakMap<readonly VersionEntry[], string>();

  const authenticate: MiddlewareHandler<Env> = async (c, next) => {
    c.header("Cache-Control", "no-store");
    const check = await deps.tokens.verify(bearerToken(c));
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "token has been revoked");
    c.set("claims", check.claims);
    await next();
    // Hono's JSON validator throws on a malformed body: answer in the API's error shape.
    if (c.error instanceof HTTPException && c.error.status === 400) c.res = apiError(c, 400, "bad_request", "request body must be valid JSON");
    else if (c.error) c.res = failure(c, c.error);
    return undefined;
  };
  api.use("*", authenticate);

  api.get("/:doc/versions", valid("param", DocParams), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "read", deps.access);
    if (denied) return denied;
    const versions = await history.versions(doc);
    // Whoever lists versions views one next: the worker builds the index meanwhile.
    history.warm(doc);
    // The list is the same array while nothing changed: its JSON is written once (B4: ~420
    // versions, a few ms of stringify per request on the event loop).
    let body = listBodies.get(versions);
    if (body === undefined) {
      body = JSON.stringify({
        versions: versions.map((v) => ({
          id: v.id,
          at: v.at,
          kind: v.kind,
          // The record seq it stands for: the web app compares versions by seq (packages/history).
          seq: v.seq,
          ...(v.name !== undefined ? { name: v.name } : {}),
          by: v.by,
          ...(v.contentHash ? { contentHash: v.contentHash } : {}),
        })),
      });
      listBodies.set(versions, body);
    }
    return c.body(body, 200, { "Content-Type": "application/json" });
  });

  api.get("/:doc/versions/:id/update", valid("param", VersionParams), async (c) => {
    const { doc, id } = c.req.valid("param");
    const denied = allowed(c, doc, "read", deps.access);
    if (denied) return denied;
    const update = await history.versionUpdate(doc, id);
    return c.body(update as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/octet-stream" });
  });

  api.post("/:doc/versions", valid("param", DocParams), valid("json", CreateVersionBody), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "edit", deps.access);
    if (denied) return denied;
    const { name, handIn } = c.req.valid("json");
    const made = await history.createVersion(doc, c.get("claims"), name, handIn === true);
    return c.json(made, 201);
  });

  api.patch("/:doc/versions/:id", valid("param", VersionParams), valid("json", RenameVersionBody), async (c) => {
    const { doc, id } = c.req.valid("param");
    const denied = allowed(c, doc, "edit", deps.access);
    if (denied) return denied;
    return changed(c, await history.renameVersion(doc, id, c.req.valid("json").name));
  });

  api.delete("/:doc/versions/:id", valid("param", VersionParams), async (c) => {
    const { doc, id } = c.req.valid("param");
    const denied = allowed(c, doc, "edit", deps.access);
    if (denied) return denied;
    return changed(c, await history.deleteVersion(doc, id));
  });

  api.post("/:doc/restore", valid("param", DocParams), valid("json", RestoreBody), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "edit", deps.access);
    if (denied) return denied;
    return c.json(await history.restore(doc, c.get("claims"), c.req.valid("json").version));
  });

  api.post("/:doc/revert-member", valid("param", DocParams), valid("json", RevertMemberBody), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "edit", deps.access);
    if (denied) return denied;
    return c.json(await history.revertMember(doc, c.get("claims"), c.req.valid("json")));
  });

  api.get("/:doc/contributions", valid("param", DocParams), valid("query", ContributionsQuery), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "read", deps.access);
    if (denied) return denied;
    const rows = await history.contributions(doc);
    if (c.req.valid("query").format === "csv") {
      const file = `${doc.replace(/[^A-Za-z0-9._-]/g, "_")}-contributions.csv`;
      return c.body(contributionsCsv(rows), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"` });
    }
    return c.json({
      users: rows.map((r) => ({
        userId: r.userId,
        name: r.name,
        inserted: r.inserted,
        surviving: r.surviving,
        deletedByThem: r.deletedByThem,
        removedByOthers: r.removedByOthers,
        sessions: r.sessions,
        firstEditAt: r.firstEditAt,
        lastEditAt: r.lastEditAt,
        offlineRecords: r.offlineRecords,
        offlineInserted: r.offlineInserted,
        pastes: r.pastes,
      })),
    });
  });

  api.get("/:doc/history", valid("param", DocParams), valid("query", HistoryQuery), async (c) => {
    const { doc } = c.req.valid("param");
    const denied = allowed(c, doc, "read", deps.access);
    if (denied) return denied;
    const query = c.req.valid("query");
    const limit = Math.min(Math.max(1, query.limit ?? deps.limits.historyPageRecords), deps.limits.historyPageRecords);
    return c.json(await history.history(doc, query.after ?? 0, limit));
  });

  return api;
}

function changed(c: Context<Env>, outcome: "done" | "not_found" | "locked" | "automatic"): Response {
  if (outcome === "done") return c.json({ ok: true });
  if (outcome === "not_found") return apiError(c, 404, "not_found", "no such version in this document");
  if (outcome === "automatic") return apiError(c, 409, "automatic", "automatic versions cannot be renamed or deleted");
  return apiError(c, 409, "locked", "a hand-in can never be renamed or deleted");
}

function failure(c: Context<Env>, error: Error): Response {
  if (error instanceof HistoryError) return apiError(c, error.status, error.code, error.message);
  if (error instanceof PlanTimeoutError || error instanceof PlanQueueFullError || error instanceof RelayCommitError) return apiError(c, 503, "unavailable", error.message);
  log.error("history request failed", { path: c.req.path, error: error.message });
  return apiError(c, 500, "internal", "the history request failed");
}
