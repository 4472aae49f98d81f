/**
 * @module class-roster
 * What a classroom hub needs to decide access for a class itself (issue 14, with issue 13's
 * rule): the members (removed ones too, so their tokens are refused), the groups and who is in
 * them, each placed document's group and lock, and whole-group locks. The upstream reads it
 * from its class tables ({@link readClassRoster}, served at `GET /hub/v1/classes/:id/roster`);
 * the hub validates the answer ({@link parseClassRoster}: it crossed a network) and mirrors it
 * (HubRoster.ts).
 *
 * Sign-in codes and join codes are not part of it: they are secrets that admit people, and
 * the hub admits students with the upstream's tokens.
 */
import { createHash } from "node:crypto";
import type { ClassRole } from "@quire/core";
import type { Db } from "@quire/storage-sqlite";
import * as v from "valibot";

export interface RosterMember {
  sub: string;
  name: string;
  role: ClassRole;
  groupIds: string[];
  /** When a teacher removed her (ms since epoch), or null. */
  removedAt: number | null;
}

export interface RosterDocument {
  doc: string;
  groupId: string | null;
  locked: boolean;
  lockFrom: number | null;
}

export interface ClassRoster {
  members: RosterMember[];
  groups: { id: string; name: string }[];
  documents: RosterDocument[];
  groupLocks: { groupId: string; lockFrom: number | null }[];
}

/**
 * Bounds on a roster a hub accepts: far above a school class (tens of members, hundreds of
 * documents), low enough that a broken or hostile answer cannot fill the hub's database.
 */
export const ROSTER_LIMITS = { members: 5_000, groups: 1_000, documents: 50_000 } as const;

const ID = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const TIME = v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0)));
const SCHEMA = v.strictObject({
  members: v.pipe(
    v.array(
      v.strictObject({
        sub: ID,
        name: v.pipe(v.string(), v.maxLength(200)),
        role: v.picklist(["teacher", "student", "commenter", "viewer"]),
        groupIds: v.pipe(v.array(ID), v.maxLength(ROSTER_LIMITS.groups)),
        removedAt: TIME,
      }),
    ),
    v.maxLength(ROSTER_LIMITS.members),
  ),
  groups: v.pipe(v.array(v.strictObject({ id: ID, name: v.pipe(v.string(), v.maxLength(200)) })), v.maxLength(ROSTER_LIMITS.groups)),
  documents: v.pipe(
    v.array(v.strictObject({ doc: v.pipe(v.string(), v.maxLength(400)), groupId: v.nullable(ID), locked: v.boolean(), lockFrom: TIME })),
    v.maxLength(ROSTER_LIMITS.documents),
  ),
  groupLocks: v.pipe(v.array(v.strictObject({ groupId: ID, lockFrom: TIME })), v.maxLength(ROSTER_LIMITS.groups)),
});

/** The roster of `classId` as JSON arrived, or why it is refused (it must name only that class's documents). */
export function parseClassRoster(classId: string, input: unknown): { ok: true; roster: ClassRoster } | { ok: false; message: string } {
  const result = v.safeParse(SCHEMA, input);
  if (!result.success) {
    const issue = result.issues[0];
    return { ok: false, message: `${issue.path?.map((p) => String(p.key)).join(".") ?? ""}: ${issue.message}` };
  }
  const outside = result.output.documents.find((d) => !d.doc.startsWith(`${classId}/`));
  if (outside) return { ok: false, message: `document ${outside.doc} is not of class ${classId}` };
  return { ok: true, roster: result.output };
}

/** A digest of the roster: the hub rewrites its copy only when it changed. */
export function rosterDigest(roster: ClassRoster): string {
  return createHash("sha256").update(JSON.stringify(roster)).digest("hex");
}

/** Reads `classId`'s roster from the class tables (class-schema.ts, GroupLocks.ts), in a stable order. */
export function readClassRoster(db: Db, classId: string): ClassRoster {
  const members = db
    .prepare<[string], { sub: string; name: string; role: ClassRole; removed_at: number | null }>(
      "SELECT sub, name, role, removed_at FROM class_members WHERE workspace = ? ORDER BY sub",
    )
    .all(classId);
  const groupIds = new Map<string, string[]>();
  for (const row of db.prepare<[string], { sub: string; group_id: string }>("SELECT sub, group_id FROM class_group_members WHERE workspace = ? ORDER BY sub, group_id").all(classId)) {
    groupIds.set(row.sub, [...(groupIds.get(row.sub) ?? []), row.group_id]);
  }
  return {
    members: members.map((m) => ({ sub: m.sub, name: m.name, role: m.role, groupIds: m.removed_at === null ? (groupIds.get(m.sub) ?? []) : [], removedAt: m.removed_at })),
    groups: db.prepare<[string], { id: string; name: string }>("SELECT id, name FROM class_groups WHERE workspace = ? ORDER BY id").all(classId),
    documents: db
      .prepare<[string], { doc: string; group_id: string | null; locked: number; lock_from: number | null }>(
        "SELECT doc, group_id, locked, lock_from FROM class_documents WHERE workspace = ? ORDER BY doc",
      )
      .all(classId)
      .map((d) => ({ doc: d.doc, groupId: d.group_id, locked: d.locked === 1, lockFrom: d.lock_from })),
    groupLocks: db
      .prepare<[string], { group_id: string; lock_from: number | null }>("SELECT group_id, lock_from FROM class_group_locks WHERE workspace = ? ORDER BY group_id")
      .all(classId)
      .map((l) => ({ groupId: l.group_id, lockFrom: l.lock_from })),
  };
}
