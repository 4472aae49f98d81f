/**
 * @module class-responses
 * The relay's class answers (issue 13, docs/protocol.md "Classes") checked before the teacher's
 * dashboard shows them: the roster, the groups, the documents with their group and lock, and a
 * member's class role. They cross a trust boundary, so every field is checked for type and
 * range, lists and strings are bounded, and a malformed answer throws a TypeError (the caller
 * shows "the server sent an answer this app doesn't understand"). Unnamed fields are ignored.
 */
import { CLASS_ROLES, type ClassRole } from "@quire/core";
import { responseChecks } from "./response-checks.ts";

export interface ClassMember {
  /** The member's id (her token's `sub`): the same on every device she signs in on. */
  id: string;
  name: string;
  role: ClassRole;
  groupIds: string[];
  /** Relay time (ms) of her last activity, written at most once a minute; null if never. */
  lastActiveAt: number | null;
  /** Sockets she has open now (0: not online). */
  online: number;
  /** Her personal sign-in code as printed (`XXXXX-XXXXX`), or null when turned off. */
  signInCode: string | null;
}

export interface ClassGroup {
  id: string;
  name: string;
  /** Only a teacher gets them. */
  memberIds?: string[];
  /** Only a teacher gets it: the whole group locked for students (from `lockFrom` on; null: now), or null. */
  lock?: { lockFrom: number | null } | null;
}

export interface ClassDocument {
  /** The full document name, `<workspace>/<docId>`. */
  id: string;
  /** null: the whole class. */
  groupId: string | null;
  locked: boolean;
  /** With `locked`: from when (ms) students may only read; null: now. */
  lockFrom: number | null;
  /** Whether the caller may write it now. */
  writable: boolean;
}

/**
 * Bounds on an answer, far above a real class (25 students, 5 groups, a few dozen documents),
 * so a hostile or broken relay cannot make the tab build millions of rows. The relay's own
 * limits are lower still (200 groups, 50 groups per member).
 */
export const CLASS_RESPONSE_LIMITS = {
  maxMembers: 10_000,
  maxGroups: 1_000,
  maxDocuments: 100_000,
  maxString: 200,
} as const;

/** `XXXXX-XXXXX` of the join-code alphabet (docs/protocol.md). */
const SIGN_IN_CODE = /^[A-Z0-9]{5}-[A-Z0-9]{5}$/;
const GROUP_ID = /^g_[A-Za-z0-9_-]{8}$/;

const { bad, object, list } = responseChecks("class response");

function text(v: unknown, what: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > CLASS_RESPONSE_LIMITS.maxString) throw bad(`${what} is not a string of 1–${CLASS_RESPONSE_LIMITS.maxString}`);
  return v;
}

function count(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw bad(`${what} is not a non-negative integer`);
  return v;
}

function groupId(v: unknown, what: string): string {
  if (typeof v !== "string" || !GROUP_ID.test(v)) throw bad(`${what} is not a group id`);
  return v;
}

function timeOrNull(v: unknown, what: string): number | null {
  return v === null || v === undefined ? null : count(v, what);
}

/** A class role, or a TypeError. */
export function parseClassRole(v: unknown, what = "role"): ClassRole {
  if (!CLASS_ROLES.includes(v as ClassRole)) throw bad(`${what} is not one of ${CLASS_ROLES.join(", ")}`);
  return v as ClassRole;
}

/** A printed sign-in code or null (turned off). */
export function parseSignInCode(v: unknown, what = "signInCode"): string | null {
  if (v === null) return null;
  if (typeof v !== "string" || !SIGN_IN_CODE.test(v)) throw bad(`${what} is not a sign-in code`);
  return v;
}

/** One roster entry (`{member}` of POST/PATCH, an item of GET …/members). */
export function parseClassMember(v: unknown, what = "member"): ClassMember {
  const o = object(v, what);
  return {
    id: text(o.id, `${what}.id`),
    name: text(o.name, `${what}.name`),
    role: parseClassRole(o.role, `${what}.role`),
    groupIds: list(o.groupIds, CLASS_RESPONSE_LIMITS.maxGroups, `${what}.groupIds`).map((g, i) => groupId(g, `${what}.groupIds[${i}]`)),
    lastActiveAt: timeOrNull(o.lastActiveAt, `${what}.lastActiveAt`),
    online: count(o.online ?? 0, `${what}.online`),
    signInCode: parseSignInCode(o.signInCode ?? null, `${what}.signInCode`),
  };
}

/** `GET /api/workspaces/<id>/members` → the roster, in the relay's order. */
export function parseClassMembers(raw: unknown): ClassMember[] {
  return list(object(raw, "answer").members, CLASS_RESPONSE_LIMITS.maxMembers, "members").map((m, i) => parseClassMember(m, `members[${i}]`));
}

/** One group (`{group}` of POST/PATCH, an item of GET …/groups). */
export function parseClassGroup(v: unknown, what = "group"): ClassGroup {
  const o = object(v, what);
  const group: ClassGroup = { id: groupId(o.id, `${what}.id`), name: text(o.name, `${what}.name`) };
  if (o.memberIds !== undefined) group.memberIds = list(o.memberIds, CLASS_RESPONSE_LIMITS.maxMembers, `${what}.memberIds`).map((m, i) => text(m, `${what}.memberIds[${i}]`));
  if (o.lock !== undefined) group.lock = o.lock === null ? null : { lockFrom: timeOrNull(object(o.lock, `${what}.lock`).lockFrom, `${what}.lock.lockFrom`) };
  return group;
}

/** `GET /api/workspaces/<id>/groups`. */
export function parseClassGroups(raw: unknown): ClassGroup[] {
  return list(object(raw, "answer").groups, CLASS_RESPONSE_LIMITS.maxGroups, "groups").map((g, i) => parseClassGroup(g, `groups[${i}]`));
}

/** One document's placement and lock (PATCH answer, an item of GET …/documents). */
export function parseClassDocument(v: unknown, what = "document"): ClassDocument {
  const o = object(v, what);
  return {
    id: text(o.id, `${what}.id`),
    groupId: o.groupId === null || o.groupId === undefined ? null : groupId(o.groupId, `${what}.groupId`),
    locked: o.locked === true,
    lockFrom: timeOrNull(o.lockFrom, `${what}.lockFrom`),
    // The PATCH answer has no `writable`: a teacher, the only one who may send it, writes all.
    writable: o.writable === undefined ? true : o.writable === true,
  };
}

/** `GET /api/workspaces/<id>/documents`. */
export function parseClassDocuments(raw: unknown): ClassDocument[] {
  return list(object(raw, "answer").documents, CLASS_RESPONSE_LIMITS.maxDocuments, "documents").map((d, i) => parseClassDocument(d, `documents[${i}]`));
}
