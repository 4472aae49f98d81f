/**
 * @module ClassAccess
 * Access decisions for a token on a document (issue 13): looks up the member behind the
 * token and the document's place in its class at the moment of the decision, then applies
 * the rule in access-decision.ts. Because nothing about permissions is read from the token
 * (beyond its `sub` and workspace), a role change, removal, group move or lock takes effect
 * on the next decision, without a new token.
 *
 * Which tokens are class members: workspace tokens for a workspace the relay created (or
 * registered). Tokens for one document (`doc` claim) and workspace tokens for a workspace
 * with no row (signed by the token CLI or a trusted issuer for a name of its own) keep the
 * rule from before classes: read what the token covers, write when its role is editor.
 *
 * A token of a class whose member has no row yet is from before classes (or a class code
 * join): she is recorded as her token says — the owner as teacher, editor as student,
 * viewer as viewer — so nobody who had access loses it.
 *
 * HTTP routes that touch a document call {@link ClassAccess.mayReadDoc} /
 * {@link ClassAccess.mayWriteDoc}; the sync endpoint calls the same for the handshake and
 * every update frame.
 */
import type { TokenClaims } from "@quire/core";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore, MemberRecord } from "../storage/ClassStore.ts";
import type { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import { type AccessDecision, type MemberAccess, canRead, canWrite } from "./access-decision.ts";

/** The claims a decision reads: the member (`sub`), the scope, the role of pre-class tokens. */
export type AccessClaims = Pick<TokenClaims, "sub" | "name" | "role" | "workspace" | "doc">;

const LEGACY_READ_ONLY: AccessDecision = {
  ok: false,
  code: "read_only_role",
  reason: "read-only: your role is viewer, your edits are not saved or shared",
};

export class ClassAccess {
  constructor(
    private readonly workspaces: WorkspaceStore,
    private readonly classes: ClassStore,
    private readonly documents: ClassDocuments,
  ) {}

  /** The class member behind `claims` (recorded if first seen), or null when the token is not a class member's. */
  member(claims: AccessClaims): MemberRecord | null {
    if (claims.workspace === undefined) return null;
    const found = this.classes.member(claims.workspace, claims.sub);
    if (found) return found;
    const workspace = this.workspaces.get(claims.workspace);
    if (!workspace) return null;
    const role = workspace.ownerSub === claims.sub ? "teacher" : claims.role === "editor" ? "student" : "viewer";
    return this.classes.ensureMember(workspace.id, claims.sub, claims.name, role);
  }

  /** True when `claims` is a member of a class (not a pre-class document or CLI token). */
  isClassToken(claims: AccessClaims): boolean {
    return this.member(claims) !== null;
  }

  /**
   * May the holder of `claims` open, sync and list `docName`? The caller checked the token's
   * signature, revocation and that its scope covers the document (claimsCoverDoc).
   */
  mayReadDoc(claims: AccessClaims, docName: string): AccessDecision {
    const member = this.member(claims);
    if (!member) return { ok: true };
    return canRead(accessOf(member), this.documents.get(docName));
  }

  /** May the holder of `claims` change `docName` at `now` (ms since epoch)? */
  mayWriteDoc(claims: AccessClaims, docName: string, now = Date.now()): AccessDecision {
    const member = this.member(claims);
    if (!member) return claims.role === "editor" ? { ok: true } : LEGACY_READ_ONLY;
    return canWrite(accessOf(member), this.documents.get(docName), now);
  }

  /** Is the holder of `claims` a teacher of its workspace (and not removed)? */
  isTeacher(claims: AccessClaims, workspaceId: string): boolean {
    if (claims.workspace !== workspaceId) return false;
    const member = this.member(claims);
    return member !== null && member.removedAt === null && member.role === "teacher";
  }
}

function accessOf(member: MemberRecord): MemberAccess {
  return { role: member.role, groupIds: new Set(member.groupIds), removed: member.removedAt !== null };
}
