/**
 * @module upstream-api
 * What a relay serves to the classroom hubs linked to it (issue 14, item 2), under
 * `/hub/v1/` (outside `/api/*`: those bodies are sync files, not small JSON):
 *
 *   GET  /hub/v1/classes/:id/digests        → { documents: { <doc>: { digest, sv } } } (sv:
 *        the state vector, base64url: what the hub cuts its push against)
 *   POST /hub/v1/classes/:id/pull?doc=<doc>[&maxBytes=<n>] body: the hub's state vector of
 *        <doc> (bytes, empty when it has none) → a sync file of what the hub lacks (204: no
 *        such doc here); with maxBytes only its first causal piece, and `Quire-More: 1` when
 *        more follow
 *   POST /hub/v1/classes/:id/push           body: a sync file of what this relay lacks
 *        → { documents: AppliedDocument[] }
 *   GET  /hub/v1/classes/:id/roster         → the class's members (removed ones too), groups,
 *        document placements and locks (class-roster.ts): the hub enforces them on the LAN
 *   GET  /hub/v1/revocations?after=<rowid>  → { revoked: [{ rowid, jti }] } (≤ 1,000)
 *
 * Every call carries `Authorization: Bearer <hub credential>` (hub-credential.ts in
 * @quire/auth): signed by this relay, not expired, not revoked, and naming the class in the
 * path. A push is validated whole (signature, hashes, decoding budgets) and every author it
 * names must be a current student or teacher of the class who may write that document (her
 * group, locks): the credential lets a hub carry its classes' work, not write as anyone else
 * (test: hub-attribution.test.ts).
 */
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type HubCredentialClaims, loadOrCreateKeyRing } from "@quire/auth";
import type { StoragePort } from "@quire/storage";
import type { ClientIdStore, Db } from "@quire/storage-sqlite";
import { SyncFileError, readSyncFile, toBase64Url } from "@quire/syncfile";
import type { ClassAccess } from "../access/ClassAccess.ts";
import type { TokenService } from "../auth/TokenService.ts";
import type { RelayLimits } from "../config.ts";
import { apiError } from "../http/api-error.ts";
import { bearerToken } from "../http/request-body.ts";
import { log } from "../log.ts";
import type { ClassStore } from "../storage/ClassStore.ts";
import type { RevocationStore } from "../storage/RevocationStore.ts";
import type { WorkspaceRecord, WorkspaceStore } from "../storage/WorkspaceStore.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { relaySigner } from "../syncfile/relay-signer.ts";
import { type AuthorAccess, ReplicationRefused, applyReplicatedFile } from "./apply-replicated.ts";
import { readClassRoster } from "./class-roster.ts";
import { classDigests, exportDocument, exportFirstPiece } from "./class-states.ts";

export const SYNC_FILE_MEDIA_TYPE = "application/vnd.quire.sync-file";
/** On a pull answer cut to `maxBytes`: more pieces follow (pull again with the new state vector). */
export const MORE_HEADER = "Quire-More";
/** Smallest piece a hub may ask for: below it the sync file's own manifest and signature dominate. */
const MIN_PULL_PIECE_BYTES = 1024;

export interface UpstreamApiDeps {
  dataDir: string;
  /** The class tables, read for a hub's copy of the roster. */
  db: Db;
  tokens: TokenService;
  revocations: RevocationStore;
  workspaces: WorkspaceStore;
  classes: ClassStore;
  access: ClassAccess;
  storage: StoragePort;
  registry: RoomRegistry;
  clientIds: ClientIdStore;
  limits: RelayLimits;
}

const CLASS_ID = /^w[a-z0-9]{10}$/;

export function mountUpstreamApi(app: Hono, deps: UpstreamApiDeps): void {
  app.use(
    "/hub/v1/*",
    bodyLimit({ maxSize: deps.limits.hubMaxPushBytes, onError: (c) => apiError(c, 413, "too_large", `request body larger than ${deps.limits.hubMaxPushBytes} bytes`) }),
  );

  /** The hub's verified, unrevoked credential, or the refusal. */
  const hubCredential = async (c: Context): Promise<HubCredentialClaims | Response> => {
    const check = await deps.tokens.verifyHub(bearerToken(c));
    if (!check.ok) return apiError(c, 401, "unauthorized", check.message);
    if (deps.revocations.isRevoked(check.claims.jti)) return apiError(c, 403, "revoked", "this hub's credential has been revoked");
    return check.claims;
  };
  /** The same, for class `id`: the credential must name it and the class must exist here. */
  const hubFor = async (c: Context, id: string): Promise<(HubCredentialClaims & { workspace: WorkspaceRecord }) | Response> => {
    const claims = await hubCredential(c);
    if (claims instanceof Response) return claims;
    if (!CLASS_ID.test(id) || !claims.classes.includes(id)) return apiError(c, 403, "forbidden", "the hub's credential does not cover this class");
    const workspace = deps.workspaces.get(id);
    if (!workspace) return apiError(c, 404, "not_found", "no such class");
    return { ...claims, workspace };
  };

  app.get("/hub/v1/classes/:id/digests", async (c) => {
    const hub = await hubFor(c, c.req.param("id"));
    if (hub instanceof Response) return hub;
    const documents: Record<string, { digest: string; sv: string }> = {};
    for (const [name, entry] of await classDigests(deps.storage, c.req.param("id"))) documents[name] = { digest: entry.digest, sv: toBase64Url(entry.sv) };
    return c.json({ documents });
  });

  app.post("/hub/v1/classes/:id/pull", async (c) => {
    const id = c.req.param("id");
    const hub = await hubFor(c, id);
    if (hub instanceof Response) return hub;
    const maxBytesParam = c.req.query("maxBytes");
    const maxBytes = maxBytesParam === undefined ? null : Number(maxBytesParam);
    if (maxBytes !== null && !(Number.isSafeInteger(maxBytes) && maxBytes >= MIN_PULL_PIECE_BYTES)) {
      return apiError(c, 400, "bad_request", `maxBytes must be a whole number ≥ ${MIN_PULL_PIECE_BYTES}`);
    }
    const doc = c.req.query("doc") ?? "";
    if (!doc.startsWith(`${id}/`) || !(await deps.storage.listDocs()).includes(doc)) return c.body(null, 204);
    const since = new Uint8Array(await c.req.arrayBuffer());
    const workspace = hub.workspace;
    try {
      const signer = relaySigner(loadOrCreateKeyRing(deps.dataDir));
      const base = { id, name: workspace.name };
      const cut = since.length > 0 ? since : null;
      const { file, more } = maxBytes === null ? { file: await exportDocument(deps.storage, base, signer, doc, cut), more: false } : await exportFirstPiece(deps.storage, base, signer, doc, cut, maxBytes);
      return c.body(file as Uint8Array<ArrayBuffer>, 200, { "Content-Type": SYNC_FILE_MEDIA_TYPE, ...(more ? { [MORE_HEADER]: "1" } : {}) });
    } catch (error) {
      // A state vector that does not decode: the hub's fault, not ours.
      return apiError(c, 400, "bad_request", `cannot cut ${doc} against that state vector: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  app.post("/hub/v1/classes/:id/push", async (c) => {
    const id = c.req.param("id");
    const hub = await hubFor(c, id);
    if (hub instanceof Response) return hub;
    try {
      const file = readSyncFile(new Uint8Array(await c.req.arrayBuffer()), { expectedWorkspace: id });
      const documents = await applyReplicatedFile(deps, file, {
        authorAccess: (workspace, userId, doc) => authorAccess(deps.classes, deps.access, workspace, userId, doc),
        commentCheckSteps: deps.limits.commentCheckSteps,
        unattributed: null,
      });
      const changed = documents.filter((d) => d.status !== "unchanged").length;
      if (changed > 0) log.info("hub push applied", { hub: hub.sub, class: id, changed });
      return c.json({ documents });
    } catch (error) {
      if (error instanceof SyncFileError) return apiError(c, 400, error.code, error.message);
      if (error instanceof ReplicationRefused) return apiError(c, 403, "refused", `${error.message}; nothing was applied`);
      throw error;
    }
  });

  app.get("/hub/v1/classes/:id/roster", async (c) => {
    const hub = await hubFor(c, c.req.param("id"));
    if (hub instanceof Response) return hub;
    c.header("Cache-Control", "no-store");
    return c.json(readClassRoster(deps.db, c.req.param("id")));
  });

  app.get("/hub/v1/revocations", async (c) => {
    const hub = await hubCredential(c);
    if (hub instanceof Response) return hub;
    const after = Number(c.req.query("after") ?? "0");
    if (!Number.isSafeInteger(after) || after < 0) return apiError(c, 400, "bad_request", "after must be a whole number ≥ 0");
    return c.json({ revoked: deps.revocations.revokedAfter(after) });
  });
}

/**
 * A hub may record changes only under a current student or teacher of the class who may
 * write `doc` now, by the same rule as her own socket (issue 13: her group, locks, due
 * times): the credential covers carrying the class's work, not writing as anyone else nor
 * past what the author herself may do. A member who may comment but not write (a commenter,
 * a student on a locked document) may have her comments recorded, and only them (issue 15:
 * apply-replicated.ts checks her part). The member is looked up first: ClassAccess would
 * record an unknown `sub` as a new member.
 */
export function authorAccess(classes: ClassStore, access: ClassAccess, workspace: string, userId: string, doc: string): AuthorAccess {
  const member = classes.member(workspace, userId);
  if (!member) return { refused: `${userId} is not a member of class ${workspace}` };
  if (member.removedAt !== null) return { refused: `${userId} was removed from class ${workspace}` };
  if (member.role === "viewer") return { refused: `${userId} may only view class ${workspace}` };
  const claims = { sub: userId, name: member.name, role: "editor" as const, workspace };
  const write = access.mayWriteDoc(claims, doc);
  if (write.ok) return { may: "write" };
  const whyNotWrite = `${userId} may not write ${doc}: ${write.reason}`;
  return access.mayCommentDoc(claims, doc).ok ? { may: "comment", whyNotWrite } : { refused: whyNotWrite };
}
