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
 * On a classroom hub, the classes it carries are mirrored from the upstream (HubRoster,
 * issue 14) and have no workspace row here: their members are decided by the mirrored rows.
 * A token whose `sub` the last pulled roster does not list (a class-code join still waiting
 * for the teacher upstream, or someone let in since the last pull) waits, as a waiting join
 * does, and is not recorded — the next pull says who she is. Before the first pull everyone
 * waits: the hub errs on the side of the class's roster.
 *
 * Lookups are cached per member and per document until the class store's generation moves
 * (every change of this process at once, another process's within CLASS_POLL_MS): a decision
 * runs on every update frame, and three SQLite reads per keystroke cost more than checking
 * the keystroke itself (measured at load average 20: ~160 µs uncached, ~5 µs cached).
 *
 * HTTP routes that touch a document call {@link ClassAccess.mayReadDoc} /
 * {@link ClassAccess.mayWriteDoc}; the sync endpoint calls the same for the handshake and
 * every update frame.
 */
import { CLASS_INDEX_PART, type TokenClaims, parseIndexPartDocName, workspaceIndexDocName, workspaceOf } from "@quire/core";
import type { ClassDocuments } from "../storage/ClassDocuments.ts";
import type { ClassStore, MemberRecord } from "../storage/ClassStore.ts";
import type { IndexSplits } from "../storage/IndexSplits.ts";
import type { JoinRequest, JoinRequests } from "../storage/JoinRequests.ts";
import type { ShareScope } from "../storage/ShareLinks.ts";
import type { WorkspaceStore } from "../storage/WorkspaceStore.ts";
import { isShareLinkSubject } from "./share-link-subject.ts";
import { type AccessDecision, CLASS_WIDE, type DocumentAccess, type MemberAccess, TEACHERS_ONLY, canComment, canRead, canWrite } from "./access-decision.ts";

/** The claims a decision reads: the member (`sub`), the scope, the role of pre-class tokens. */
export type AccessClaims = Pick<TokenClaims, "sub" | "name" | "role" | "workspace" | "doc">;

const LEGACY_READ_ONLY: AccessDecision = {
  ok: false,
  code: "read_only_role",
  reason: "read-only: your role is viewer, your edits are not saved or shared",
};

/** Cached lookups beyond this many are dropped all at once: a bound, not an eviction policy. */
const MAX_CACHED = 10_000;

export class ClassAccess {
  private readonly members = new Map<string, { generation: number; member: MemberRecord | null; access: MemberAccess | null }>();
  private readonly docs = new Map<string, { generation: number; access: DocumentAccess }>();

  constructor(
    private readonly workspaces: WorkspaceStore,
    private readonly classes: ClassStore,
    private readonly documents: ClassDocuments,
    /** Class-code joins waiting for a teacher; without it every class lets joins in at once. */
    private readonly joins?: JoinRequests,
    /** Class and group share links: their tokens' `sub` is the link id (ShareLinks). */
    private readonly shares?: ShareScopes,
    /** Classes whose rows are a hub's copy of the upstream's (HubRoster); empty on other relays. */
    private readonly mirrored: ReadonlySet<string> = new Set(),
    /** Which classes split their index (absent: none, as before splits). */
    private readonly splits?: IndexSplits,
  ) {}

  /** The class member behind `claims` (recorded if first seen), or null when the token is not a class member's. */
  member(claims: AccessClaims): MemberRecord | null {
    return this.cachedMember(claims)?.member ?? null;
  }

  private cachedMember(claims: AccessClaims): { member: MemberRecord | null; access: MemberAccess | null } | null {
    if (claims.workspace === undefined) return null;
    const key = `${claims.workspace}\u0000${claims.sub}`;
    const cached = this.members.get(key);
    if (cached && cached.generation === this.classes.generation) return cached;
    const member = this.lookUp(claims, claims.workspace);
    if (this.members.size >= MAX_CACHED) this.members.clear();
    // Read after the lookup: recording a first-seen member bumps the generation itself.
    const entry = { generation: this.classes.generation, member, access: member ? accessOf(member) : null };
    this.members.set(key, entry);
    return entry;
  }

  private lookUp(claims: AccessClaims, workspaceId: string): MemberRecord | null {
    const found = this.classes.member(workspaceId, claims.sub);
    if (found) {
      if (found.name !== "" || claims.name === "") return found;
      this.classes.fillName(workspaceId, claims.sub, claims.name);
      return { ...found, name: claims.name };
    }
    if (this.mirrored.has(workspaceId)) return unlistedMember(workspaceId, claims);
    const workspace = this.workspaces.get(workspaceId);
    if (!workspace) return null;
    // A class-code join the teacher has not let in as herself is no member (yet): never
    // recorded as one below, whatever her token's role says.
    const request = this.joins?.get(workspaceId, claims.sub);
    if (request) return pendingMember(request);
    // A class or group share link: a viewer who is never recorded (never on the roster); a
    // revoked link's token reads nothing even where its revocation was not checked.
    if (this.shares && isShareLinkSubject(claims.sub)) return shareViewer(workspaceId, claims, this.shares.workingScope(workspaceId, claims.sub));
    const role = workspace.ownerSub === claims.sub ? "teacher" : claims.role === "editor" ? "student" : "viewer";
    return this.classes.ensureMember(workspace.id, claims.sub, claims.name, role);
  }

  private documentAccess(docName: string): DocumentAccess {
    const cached = this.docs.get(docName);
    if (cached && cached.generation === this.classes.generation) return cached.access;
    const access = this.indexAccess(docName) ?? this.documents.get(docName);
    if (this.docs.size >= MAX_CACHED) this.docs.clear();
    this.docs.set(docName, { generation: this.classes.generation, access });
    return access;
  }

  /**
   * Index docs are placed by their name, never by a teacher (issue 13, split indexes): a
   * group's part belongs to that group, the class part to the whole class, and a split
   * class's old single index to its teachers (it still holds every group's titles).
   */
  private indexAccess(docName: string): DocumentAccess | null {
    const part = parseIndexPartDocName(docName);
    if (part) return part.part === CLASS_INDEX_PART ? CLASS_WIDE : { groupId: part.part, locked: false, lockFrom: null };
    const workspace = workspaceOf(docName);
    if (workspace !== null && docName === workspaceIndexDocName(workspace) && this.splits?.isSplit(workspace)) return TEACHERS_ONLY;
    return null;
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
    const member = this.cachedMember(claims)?.access;
    if (!member) return { ok: true };
    return canRead(member, this.documentAccess(docName));
  }

  /** May the holder of `claims` change `docName` at `now` (ms since epoch)? */
  mayWriteDoc(claims: AccessClaims, docName: string, now = Date.now()): AccessDecision {
    const member = this.cachedMember(claims)?.access;
    if (!member) return claims.role === "editor" ? { ok: true } : LEGACY_READ_ONLY;
    return canWrite(member, this.documentAccess(docName), now);
  }

  /**
   * May the holder of `claims` comment on `docName` (write under its comments root only)?
   * Pre-class tokens: editors (who may write anything anyway) yes, viewers no.
   */
  mayCommentDoc(claims: AccessClaims, docName: string): AccessDecision {
    const member = this.cachedMember(claims)?.access;
    if (!member) return claims.role === "editor" ? { ok: true } : LEGACY_READ_ONLY;
    return canComment(member, this.documentAccess(docName));
  }

  /** Is the holder of `claims` a teacher of its workspace (and not removed)? */
  isTeacher(claims: AccessClaims, workspaceId: string): boolean {
    if (claims.workspace !== workspaceId) return false;
    const member = this.member(claims);
    return member !== null && member.removedAt === null && !member.pending && member.role === "teacher";
  }
}

/** A mirrored class's member the roster does not list (see the module comment): waits, not recorded. */
function unlistedMember(workspace: string, claims: AccessClaims): MemberRecord {
  const role = claims.role === "editor" ? "student" : "viewer";
  return { workspace, sub: claims.sub, name: claims.name, role, groupIds: [], signInCode: null, createdAt: 0, lastActiveAt: null, removedAt: null, pending: "waiting" };
}

/** The lookup of a share link's scope (ShareLinks.workingScope). */
export interface ShareScopes {
  workingScope(workspace: string, id: string): ShareScope | null;
}

function accessOf(member: MemberRecord): MemberAccess {
  const access: MemberAccess = { role: member.role, groupIds: new Set(member.groupIds), removed: member.removedAt !== null };
  if (member.pending) access.pending = member.pending;
  if (member.shareScope?.kind === "class") access.readsEveryGroup = true;
  return access;
}

/** A share link's viewer: the class (every group), one group, or nothing once it is revoked. */
function shareViewer(workspace: string, claims: AccessClaims, scope: ShareScope | null): MemberRecord {
  const usable = scope !== null && scope.kind !== "doc";
  return {
    workspace,
    sub: claims.sub,
    name: claims.name,
    role: "viewer",
    groupIds: scope?.kind === "group" ? [scope.groupId] : [],
    signInCode: null,
    createdAt: 0,
    lastActiveAt: null,
    removedAt: usable ? null : 0,
    ...(usable ? { shareScope: scope } : {}),
  };
}

/**
 * A waiting (or declined) join as a member who may do nothing. Let in as a roster member,
 * her old token stays `waiting`: the device collects that member's token instead.
 */
function pendingMember(request: JoinRequest): MemberRecord {
  return {
    workspace: request.workspace,
    sub: request.sub,
    name: request.name,
    role: request.role === "editor" ? "student" : "viewer",
    groupIds: [],
    signInCode: null,
    createdAt: request.createdAt,
    lastActiveAt: null,
    removedAt: null,
    pending: request.state === "declined" ? "declined" : "waiting",
  };
}
