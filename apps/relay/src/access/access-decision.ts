/**
 * @module access-decision
 * Who may read and who may write a document of a class (issue 13): the one place the rule is
 * written. Pure functions over what the relay looked up a moment ago (ClassAccess does the
 * lookups); the socket handshake, every update frame, the list endpoint and every HTTP route
 * that touches a document decide with these.
 *
 * The rule:
 * - A removed member reads and writes nothing; nor does a class-code join waiting for a
 *   teacher, or one she declined.
 * - A document belongs to one group or to the whole class (the default: a class without
 *   groups behaves as a workspace did before classes).
 * - Read: a teacher reads everything; anyone else reads class-wide documents and those of
 *   the groups they are in.
 * - Write: a teacher writes everything she reads; a student writes what she reads unless the
 *   document is locked (now, or from its due time on); commenters and viewers never write.
 * - Comment (issue 15): everyone who reads may comment except viewers — commenters, and
 *   students on a locked document too (feedback on a handed-in report is discussed in its
 *   margin). A comment-only writer's updates must touch nothing but the document's comments
 *   (sync/comment-only-check.ts); teachers and students who may write need no such check.
 */
import type { ClassRole } from "@quire/core";

/** What the relay knows about the member behind a token, at the time of the decision. */
export interface MemberAccess {
  role: ClassRole;
  groupIds: ReadonlySet<string>;
  removed: boolean;
  /** A whole-class read-only share link (ShareLinks): reads every document, as a teacher would, and writes none. */
  readsEveryGroup?: boolean;
  /** A class-code join the teacher has not let in (JoinRequests): reads and writes nothing. */
  pending?: "waiting" | "declined";
}

/** What the relay knows about a document's place in its class. */
export interface DocumentAccess {
  /** null: class-wide. */
  groupId: string | null;
  /** Locked for students: from `lockFrom` (ms since epoch) on, or at once when it is null. */
  locked: boolean;
  lockFrom: number | null;
}

/** Why access was refused; the app shows the reason, the code tells it what happened. */
export type RefusalCode = "removed" | "not_in_group" | "read_only_role" | "locked" | "waiting" | "declined";

export type AccessDecision = { ok: true } | { ok: false; code: RefusalCode; reason: string };

const ALLOWED: AccessDecision = { ok: true };

/** Fixed phrases the app matches (access-refusal.ts in @quire/client): change both together. */
export const WAITING_REASON = "waiting for your teacher to let you in";
export const DECLINED_REASON = "your teacher did not let you into this class";

/** A document no teacher has placed: class-wide, unlocked. */
export const CLASS_WIDE: DocumentAccess = { groupId: null, locked: false, lockFrom: null };

/**
 * Only teachers read it: a split class's old single index (issue 13), which holds the titles
 * of every group's documents. No group has this id (group ids are `g_` + 8 characters).
 */
export const TEACHERS_ONLY: DocumentAccess = { groupId: "teachers only", locked: false, lockFrom: null };

/** May `member` open, sync and list `doc`? */
export function canRead(member: MemberAccess, doc: DocumentAccess): AccessDecision {
  if (member.removed) return { ok: false, code: "removed", reason: "you were removed from this class" };
  if (member.pending === "waiting") return { ok: false, code: "waiting", reason: WAITING_REASON };
  if (member.pending === "declined") return { ok: false, code: "declined", reason: DECLINED_REASON };
  if (member.role === "teacher" || member.readsEveryGroup || doc.groupId === null || member.groupIds.has(doc.groupId)) return ALLOWED;
  return { ok: false, code: "not_in_group", reason: "this document belongs to a group you are not in" };
}

/** May `member` change `doc` at `now` (ms since epoch)? */
export function canWrite(member: MemberAccess, doc: DocumentAccess, now: number): AccessDecision {
  const read = canRead(member, doc);
  if (!read.ok) return read;
  if (member.role === "teacher") return ALLOWED;
  if (member.role !== "student") {
    return { ok: false, code: "read_only_role", reason: `read-only: your role is ${member.role}, your edits are not saved or shared` };
  }
  if (isLocked(doc, now)) return { ok: false, code: "locked", reason: "read-only: your teacher locked this document" };
  return ALLOWED;
}

/** May `member` add, answer and resolve comments on `doc`? */
export function canComment(member: MemberAccess, doc: DocumentAccess): AccessDecision {
  const read = canRead(member, doc);
  if (!read.ok) return read;
  if (member.role === "viewer") return { ok: false, code: "read_only_role", reason: "read-only: your role is viewer, you cannot comment" };
  return ALLOWED;
}

/** True when `doc` is locked for students at `now`. */
export function isLocked(doc: DocumentAccess, now: number): boolean {
  return doc.locked && (doc.lockFrom === null || now >= doc.lockFrom);
}

/**
 * `doc` with its group's lock folded in (a group locked at a due date locks every document
 * in it, however it got there): locked when either is, from the earlier of the two times.
 * Both locks mean "read-only for students from then on", so the earlier one decides.
 */
export function withGroupLock(doc: DocumentAccess, groupLockFrom: number | null | undefined): DocumentAccess {
  if (groupLockFrom === undefined || doc.groupId === null) return doc;
  if (!doc.locked) return { ...doc, locked: true, lockFrom: groupLockFrom };
  const lockFrom = doc.lockFrom === null || groupLockFrom === null ? null : Math.min(doc.lockFrom, groupLockFrom);
  return { ...doc, lockFrom };
}
