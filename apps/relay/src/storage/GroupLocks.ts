/**
 * @module GroupLocks
 * A whole group's documents locked for students, at once or from a due time on (issue 13:
 * "lock a whole group's documents at a due date"). The lock is stored per group, not copied
 * onto each document, so a document created or moved into the group after the lock is locked
 * too, and unlocking the group leaves per-document locks (ClassDocuments) as they were.
 *
 * Its own table and every change's `class_changes` row: see {@link ClassTable}. Stored rows are
 * checked where they are read (stored-rows.ts).
 */
import type { Db } from "@quire/storage-sqlite";
import type { ClassStore } from "./ClassStore.ts";
import { ClassTable } from "./ClassTable.ts";
import { storedRows } from "./stored-rows.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS class_group_locks (
  workspace TEXT NOT NULL,
  group_id TEXT NOT NULL,
  lock_from INTEGER,
  locked_at INTEGER NOT NULL,
  PRIMARY KEY (workspace, group_id)
);
`;

export interface GroupLock {
  groupId: string;
  /** Locked from this time on (ms since epoch), or at once when null. */
  lockFrom: number | null;
}

const lockRows = storedRows({ group_id: "text", lock_from: "integer?" }, (row): GroupLock => ({ groupId: row.group_id, lockFrom: row.lock_from }));

export class GroupLocks extends ClassTable {
  private readonly stmts;

  constructor(db: Db, classes: ClassStore) {
    super(db, classes, SCHEMA);
    this.stmts = {
      get: lockRows<[string, string]>(db, "SELECT group_id, lock_from FROM class_group_locks WHERE workspace = ? AND group_id = ?"),
      all: lockRows<[string]>(db, "SELECT group_id, lock_from FROM class_group_locks WHERE workspace = ? ORDER BY group_id"),
      upsert: db.prepare<[string, string, number | null, number]>(
        "INSERT INTO class_group_locks (workspace, group_id, lock_from, locked_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace, group_id) DO UPDATE SET lock_from = excluded.lock_from, locked_at = excluded.locked_at",
      ),
      remove: db.prepare<[string, string]>("DELETE FROM class_group_locks WHERE workspace = ? AND group_id = ?"),
    };
  }

  /** The group's lock, or null when it is not locked. */
  get(workspace: string, groupId: string): GroupLock | null {
    return this.stmts.get.get(workspace, groupId) ?? null;
  }

  /** Every locked group of the class. */
  all(workspace: string): GroupLock[] {
    return this.stmts.all.all(workspace);
  }

  /** Locks every document of the group for students from `lockFrom` on, or at once (null). */
  lock(workspace: string, groupId: string, lockFrom: number | null): void {
    this.change(workspace, () => {
      this.stmts.upsert.run(workspace, groupId, lockFrom, Date.now());
      return true;
    });
  }

  /** Lifts the group's lock; documents locked one by one stay locked. Returns false when it was not locked. */
  unlock(workspace: string, groupId: string): boolean {
    return this.change(workspace, () => this.stmts.remove.run(workspace, groupId).changes > 0);
  }
}
