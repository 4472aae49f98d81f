/**
 * @module HubRoster
 * A classroom hub's copy of its classes' rosters (issue 14): who is in each class and which
 * groups, where each document belongs, which are locked. Pulled from the upstream every pass
 * (class-roster.ts) and written into the hub's own class tables, so the hub's access decisions
 * (ClassAccess, the one rule of access-decision.ts) enforce the class's groups and locks on
 * the LAN exactly as the upstream does — before this, a student on the hub could open another
 * group's documents, and a lock only took effect when her edits reached the upstream.
 *
 * Invariants:
 * - The upstream is the only source of a mirrored class's rows: each pull replaces them whole
 *   (members are upserted so activity times survive; ones the upstream no longer lists go).
 *   Teachers manage the class on the upstream; the hub's class API has no row for it.
 * - The copy lives in the hub's database, so a hub restarted with the uplink down decides as
 *   the last pull said (test: hub-roster.test.ts).
 * - A change writes one `class_changes` row (ClassStore.changed) in the same transaction:
 *   ClassAccess drops its cache and ClassWatcher closes sockets that lost read access. An
 *   unchanged roster (same digest) writes nothing, so passes do not churn the caches.
 * - Its own table (`hub_rosters`, CREATE TABLE IF NOT EXISTS here) records each class's last
 *   digest and pull time.
 */
import type { Db } from "@quire/storage-sqlite";
import type { ClassStore } from "../storage/ClassStore.ts";
import { ClassTable } from "../storage/ClassTable.ts";
import { storedRows } from "../storage/stored-rows.ts";
import { type ClassRoster, rosterDigest } from "./class-roster.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS hub_rosters (
  workspace TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  pulled_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

const digestRows = storedRows({ digest: "text", pulled_at: "integer" });

export class HubRoster extends ClassTable {
  private readonly stmts;

  /** `db` must have the class tables (ClassStore and ClassDocuments are built first). */
  constructor(db: Db, classes: ClassStore) {
    super(db, classes, SCHEMA);
    this.stmts = {
      digest: digestRows<[string]>(db, "SELECT digest, pulled_at FROM hub_rosters WHERE workspace = ?"),
      record: db.prepare<[string, string, number]>(
        "INSERT INTO hub_rosters (workspace, digest, pulled_at) VALUES (?, ?, ?) ON CONFLICT (workspace) DO UPDATE SET digest = excluded.digest, pulled_at = excluded.pulled_at",
      ),
      upsertMember: db.prepare<[string, string, string, string, number, number | null]>(
        `INSERT INTO class_members (workspace, sub, name, role, sign_in_code, created_at, removed_at) VALUES (?, ?, ?, ?, NULL, ?, ?)
         ON CONFLICT (workspace, sub) DO UPDATE SET name = excluded.name, role = excluded.role, removed_at = excluded.removed_at, sign_in_code = NULL`,
      ),
      dropMembers: db.prepare<[string, string]>("DELETE FROM class_members WHERE workspace = ? AND sub NOT IN (SELECT value FROM json_each(?))"),
      clearGroupMembers: db.prepare<[string]>("DELETE FROM class_group_members WHERE workspace = ?"),
      clearGroups: db.prepare<[string]>("DELETE FROM class_groups WHERE workspace = ?"),
      clearDocuments: db.prepare<[string]>("DELETE FROM class_documents WHERE workspace = ?"),
      clearGroupLocks: db.prepare<[string]>("DELETE FROM class_group_locks WHERE workspace = ?"),
      addGroupMember: db.prepare<[string, string, string]>("INSERT OR IGNORE INTO class_group_members (workspace, sub, group_id) VALUES (?, ?, ?)"),
      addGroup: db.prepare<[string, string, string, number]>("INSERT OR REPLACE INTO class_groups (id, workspace, name, created_at) VALUES (?, ?, ?, ?)"),
      addDocument: db.prepare<[string, string, string | null, number, number | null]>(
        "INSERT OR REPLACE INTO class_documents (doc, workspace, group_id, locked, lock_from) VALUES (?, ?, ?, ?, ?)",
      ),
      addGroupLock: db.prepare<[string, string, number | null, number]>(
        "INSERT OR REPLACE INTO class_group_locks (workspace, group_id, lock_from, locked_at) VALUES (?, ?, ?, ?)",
      ),
    };
  }

  /** When `classId`'s roster was last pulled (ms since epoch), or null if never. */
  pulledAt(classId: string): number | null {
    return this.stmts.digest.get(classId)?.pulled_at ?? null;
  }

  /** Mirrors `roster` (validated: parseClassRoster) as `classId`'s; returns whether anything changed. */
  apply(classId: string, roster: ClassRoster, now = Date.now()): boolean {
    const digest = rosterDigest(roster);
    const s = this.stmts;
    return this.change(classId, () => {
      const changed = s.digest.get(classId)?.digest !== digest;
      s.record.run(classId, digest, now);
      if (!changed) return false;
      for (const m of roster.members) s.upsertMember.run(classId, m.sub, m.name, m.role, now, m.removedAt);
      s.dropMembers.run(classId, JSON.stringify(roster.members.map((m) => m.sub)));
      s.clearGroupMembers.run(classId);
      s.clearGroups.run(classId);
      s.clearDocuments.run(classId);
      s.clearGroupLocks.run(classId);
      for (const g of roster.groups) s.addGroup.run(g.id, classId, g.name, now);
      for (const m of roster.members) for (const groupId of m.groupIds) s.addGroupMember.run(classId, m.sub, groupId);
      for (const d of roster.documents) s.addDocument.run(d.doc, classId, d.groupId, d.locked ? 1 : 0, d.lockFrom);
      for (const l of roster.groupLocks) s.addGroupLock.run(classId, l.groupId, l.lockFrom, now);
      return true;
    });
  }
}
