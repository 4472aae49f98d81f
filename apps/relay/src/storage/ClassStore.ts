/**
 * @module ClassStore
 * Members and groups of classes (issue 13; tables in class-schema.ts). A class is a
 * workspace; a member is a token `sub` within it.
 *
 * Invariants:
 * - A removed member keeps her row (with `removed_at`), loses her groups and her sign-in
 *   code: her old tokens map to that row and are refused, never recorded again as new.
 * - A personal sign-in code is 10 characters of the join-code alphabet (31^10 ≈ 8e14), shown
 *   as `XXXXX-XXXXX`: a different length from the 8-character class codes, so the two never
 *   collide. It is stored as is, because the teacher prints it on the student's card.
 * - Every change writes a `class_changes` row in the same transaction, so a relay process
 *   that polls the table (ClassWatcher) never misses one.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { ClassRole } from "@quire/core";
import type { Db } from "@quire/storage-sqlite";
import { openClassSchema } from "./class-schema.ts";
import { JOIN_CODE_ALPHABET, normalizeJoinCode } from "./WorkspaceStore.ts";

export const SIGN_IN_CODE_LENGTH = 10;

export interface MemberRecord {
  workspace: string;
  sub: string;
  name: string;
  role: ClassRole;
  groupIds: string[];
  /** Unformatted (`ABCDEFGHJK`); null when disabled or never made. */
  signInCode: string | null;
  createdAt: number;
  lastActiveAt: number | null;
  removedAt: number | null;
  /**
   * Set only by ClassAccess for a class-code join still waiting for (or declined by) a
   * teacher (JoinRequests): no row here, and she may read, sync and list nothing.
   */
  pending?: "waiting" | "declined";
  /** Set only by ClassAccess for a class or group share link's viewer (ShareLinks): never on the roster. */
  shareScope?: { kind: "class" } | { kind: "group"; groupId: string };
}

export interface GroupRecord {
  id: string;
  workspace: string;
  name: string;
  createdAt: number;
}

type MemberRow = {
  workspace: string;
  sub: string;
  name: string;
  role: ClassRole;
  sign_in_code: string | null;
  created_at: number;
  last_active_at: number | null;
  removed_at: number | null;
};
type GroupRow = { id: string; workspace: string; name: string; created_at: number };

/** `ABCDEFGHJK` → `ABCDE-FGHJK`. */
export function formatSignInCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function newSignInCode(): string {
  let out = "";
  for (let i = 0; i < SIGN_IN_CODE_LENGTH; i++) out += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return out;
}

export function newMemberId(): string {
  return `u_${randomBytes(9).toString("base64url")}`;
}

export class ClassStore {
  private readonly db: Db;
  private readonly stmts;
  private gen = 0;

  constructor(db: Db) {
    this.db = db;
    openClassSchema(db);
    this.stmts = {
      member: db.prepare<[string, string], MemberRow>("SELECT * FROM class_members WHERE workspace = ? AND sub = ?"),
      members: db.prepare<[string], MemberRow>("SELECT * FROM class_members WHERE workspace = ? AND removed_at IS NULL ORDER BY created_at, sub"),
      byCode: db.prepare<[string], MemberRow>("SELECT * FROM class_members WHERE sign_in_code = ? AND removed_at IS NULL"),
      insertMember: db.prepare<[string, string, string, string, string | null, number]>(
        "INSERT OR IGNORE INTO class_members (workspace, sub, name, role, sign_in_code, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      fillName: db.prepare<[string, string, string]>("UPDATE class_members SET name = ? WHERE workspace = ? AND sub = ? AND name = ''"),
      setName: db.prepare<[string, string, string]>("UPDATE class_members SET name = ? WHERE workspace = ? AND sub = ?"),
      setRole: db.prepare<[string, string, string]>("UPDATE class_members SET role = ? WHERE workspace = ? AND sub = ?"),
      setCode: db.prepare<[string | null, string, string]>("UPDATE class_members SET sign_in_code = ? WHERE workspace = ? AND sub = ? AND removed_at IS NULL"),
      remove: db.prepare<[number, string, string]>(
        "UPDATE class_members SET removed_at = ?, sign_in_code = NULL WHERE workspace = ? AND sub = ? AND removed_at IS NULL",
      ),
      touch: db.prepare<[number, string, string]>("UPDATE class_members SET last_active_at = ? WHERE workspace = ? AND sub = ?"),
      groupIdsOf: db.prepare<[string, string], { group_id: string }>("SELECT group_id FROM class_group_members WHERE workspace = ? AND sub = ?"),
      clearGroupsOf: db.prepare<[string, string]>("DELETE FROM class_group_members WHERE workspace = ? AND sub = ?"),
      addToGroup: db.prepare<[string, string, string]>("INSERT OR IGNORE INTO class_group_members (workspace, sub, group_id) VALUES (?, ?, ?)"),
      groups: db.prepare<[string], GroupRow>("SELECT * FROM class_groups WHERE workspace = ? ORDER BY created_at, id"),
      group: db.prepare<[string, string], GroupRow>("SELECT * FROM class_groups WHERE workspace = ? AND id = ?"),
      insertGroup: db.prepare<[string, string, string, number]>("INSERT INTO class_groups (id, workspace, name, created_at) VALUES (?, ?, ?, ?)"),
      renameGroup: db.prepare<[string, string, string]>("UPDATE class_groups SET name = ? WHERE workspace = ? AND id = ?"),
      deleteGroup: db.prepare<[string, string]>("DELETE FROM class_groups WHERE workspace = ? AND id = ?"),
      emptyGroup: db.prepare<[string, string]>("DELETE FROM class_group_members WHERE workspace = ? AND group_id = ?"),
      change: db.prepare<[string, number]>("INSERT INTO class_changes (workspace, at) VALUES (?, ?)"),
      changesAfter: db.prepare<[number], { rowid: number; workspace: string }>("SELECT rowid, workspace FROM class_changes WHERE rowid > ? ORDER BY rowid LIMIT 1000"),
      lastChange: db.prepare<[], { last: number | null }>("SELECT max(rowid) AS last FROM class_changes"),
    };
  }

  member(workspace: string, sub: string): MemberRecord | null {
    const row = this.stmts.member.get(workspace, sub);
    return row ? this.fromRow(row) : null;
  }

  /** The members not removed, oldest first. */
  members(workspace: string): MemberRecord[] {
    return this.stmts.members.all(workspace).map((row) => this.fromRow(row));
  }

  groupIdsOf(workspace: string, sub: string): string[] {
    return this.stmts.groupIdsOf.all(workspace, sub).map((r) => r.group_id);
  }

  /**
   * Records a member first seen with a token (see class-schema.ts) unless she has a row
   * already; fills in the name of a migrated teacher. Returns her row.
   */
  ensureMember(workspace: string, sub: string, name: string, role: ClassRole): MemberRecord {
    this.db.transaction(() => {
      if (this.stmts.insertMember.run(workspace, sub, name, role, null, Date.now()).changes > 0) this.changed(workspace);
      this.stmts.fillName.run(name, workspace, sub);
    })();
    return this.member(workspace, sub) as MemberRecord;
  }

  /** A new roster entry made by a teacher, with a personal sign-in code unless `withCode` is false. */
  addMember(workspace: string, name: string, role: ClassRole, groupIds: readonly string[], withCode = true): MemberRecord {
    const sub = newMemberId();
    this.db.transaction(() => {
      this.stmts.insertMember.run(workspace, sub, name, role, withCode ? newSignInCode() : null, Date.now());
      for (const groupId of groupIds) this.stmts.addToGroup.run(workspace, sub, groupId);
      this.changed(workspace);
    })();
    return this.member(workspace, sub) as MemberRecord;
  }

  /** Changes a member's name, role and/or groups (the whole set). False when there is no such member. */
  updateMember(workspace: string, sub: string, change: { name?: string; role?: ClassRole; groupIds?: readonly string[] }): boolean {
    const current = this.stmts.member.get(workspace, sub);
    if (!current || current.removed_at !== null) return false;
    this.db.transaction(() => {
      if (change.name !== undefined) this.stmts.setName.run(change.name, workspace, sub);
      if (change.role !== undefined) this.stmts.setRole.run(change.role, workspace, sub);
      if (change.groupIds !== undefined) {
        this.stmts.clearGroupsOf.run(workspace, sub);
        for (const groupId of change.groupIds) this.stmts.addToGroup.run(workspace, sub, groupId);
      }
      this.changed(workspace);
    })();
    return true;
  }

  /** Removes a member from the class (see the invariants). False when there is no such member. */
  removeMember(workspace: string, sub: string): boolean {
    return this.db.transaction(() => {
      if (this.stmts.remove.run(Date.now(), workspace, sub).changes === 0) return false;
      this.stmts.clearGroupsOf.run(workspace, sub);
      this.changed(workspace);
      return true;
    })();
  }

  /** A new personal sign-in code (the old one stops working); null when there is no such member. */
  rotateSignInCode(workspace: string, sub: string): string | null {
    for (let attempt = 0; ; attempt++) {
      const code = newSignInCode();
      try {
        return this.stmts.setCode.run(code, workspace, sub).changes === 0 ? null : code;
      } catch (error) {
        if (attempt >= 3 || (error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
      }
    }
  }

  /** Turns a member's sign-in code off. False when there is no such member. */
  disableSignInCode(workspace: string, sub: string): boolean {
    return this.stmts.setCode.run(null, workspace, sub).changes > 0;
  }

  /** The member a personal sign-in code belongs to (any case, with or without the dash). */
  findBySignInCode(input: string): MemberRecord | null {
    const code = normalizeJoinCode(input);
    if (code.length !== SIGN_IN_CODE_LENGTH) return null;
    const row = this.stmts.byCode.get(code);
    return row ? this.fromRow(row) : null;
  }

  /** Fills in the name of a member recorded without one (a teacher migrated from before classes). */
  fillName(workspace: string, sub: string, name: string): void {
    if (this.stmts.fillName.run(name, workspace, sub).changes > 0) this.changed(workspace);
  }

  /** Records activity (the caller throttles: this is a write). */
  touch(workspace: string, sub: string, at: number): void {
    this.stmts.touch.run(at, workspace, sub);
  }

  groups(workspace: string): GroupRecord[] {
    return this.stmts.groups.all(workspace).map(groupFromRow);
  }

  group(workspace: string, id: string): GroupRecord | null {
    const row = this.stmts.group.get(workspace, id);
    return row ? groupFromRow(row) : null;
  }

  createGroup(workspace: string, name: string): GroupRecord {
    const id = `g_${randomBytes(6).toString("base64url")}`;
    this.db.transaction(() => {
      this.stmts.insertGroup.run(id, workspace, name, Date.now());
      this.changed(workspace);
    })();
    return this.group(workspace, id) as GroupRecord;
  }

  renameGroup(workspace: string, id: string, name: string): boolean {
    return this.db.transaction(() => {
      if (this.stmts.renameGroup.run(name, workspace, id).changes === 0) return false;
      this.changed(workspace);
      return true;
    })();
  }

  /** Deletes a group and its memberships (the caller checks no document is still in it). */
  deleteGroup(workspace: string, id: string): boolean {
    return this.db.transaction(() => {
      if (this.stmts.deleteGroup.run(workspace, id).changes === 0) return false;
      this.stmts.emptyGroup.run(workspace, id);
      this.changed(workspace);
      return true;
    })();
  }

  /**
   * Bumped on every change this process makes and every change of another process the watcher
   * sees (ClassWatcher): what was looked up under an older generation may be stale.
   */
  get generation(): number {
    return this.gen;
  }

  /** Another process changed a class (seen in `class_changes`). */
  changedElsewhere(): void {
    this.gen++;
  }

  /** Notes a change to `workspace`'s class outside this store (document placement, locks). */
  changed(workspace: string): void {
    this.gen++;
    this.stmts.change.run(workspace, Date.now());
  }

  lastChange(): number {
    return this.stmts.lastChange.get()?.last ?? 0;
  }

  /** Changes after row `rowid`, oldest first, at most 1,000 at a time. */
  changesAfter(rowid: number): { rowid: number; workspace: string }[] {
    return this.stmts.changesAfter.all(rowid);
  }

  private fromRow(row: MemberRow): MemberRecord {
    return {
      workspace: row.workspace,
      sub: row.sub,
      name: row.name,
      role: row.role,
      groupIds: row.removed_at === null ? this.groupIdsOf(row.workspace, row.sub) : [],
      signInCode: row.sign_in_code,
      createdAt: row.created_at,
      lastActiveAt: row.last_active_at,
      removedAt: row.removed_at,
    };
  }
}

function groupFromRow(row: GroupRow): GroupRecord {
  return { id: row.id, workspace: row.workspace, name: row.name, createdAt: row.created_at };
}
