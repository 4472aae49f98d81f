/**
 * @module ClassDocuments
 * Where each document of a class belongs (a group, or the whole class) and its lock (issue 13;
 * table in class-schema.ts). A document without a row is class-wide and unlocked, so a
 * workspace from before classes needs no rows at all.
 *
 * Every change also writes a `class_changes` row (through ClassStore.changed, in the same
 * transaction), so relays re-check the sockets open on the document.
 */
import { workspaceOf } from "@quire/core";
import type { Db } from "@quire/storage-sqlite";
import { CLASS_WIDE, type DocumentAccess, withGroupLock } from "../access/access-decision.ts";
import type { ClassStore } from "./ClassStore.ts";
import { GroupLocks } from "./GroupLocks.ts";

export interface ClassDocumentRecord extends DocumentAccess {
  doc: string;
}

type Row = { doc: string; workspace: string; group_id: string | null; locked: number; lock_from: number | null };

export class ClassDocuments {
  private readonly stmts;
  /** Whole groups locked at a due date: {@link get} folds them into each document's lock. */
  readonly groupLocks: GroupLocks;

  constructor(
    private readonly db: Db,
    private readonly classes: ClassStore,
  ) {
    this.groupLocks = new GroupLocks(db, classes);
    // ClassStore's constructor created the table.
    this.stmts = {
      get: db.prepare<[string], Row>("SELECT * FROM class_documents WHERE doc = ?"),
      // A range on the updates (doc, seq) index: names from `<ws>/` up to `<ws>0` ('/' + 1).
      stored: db.prepare<[string, string], { doc: string }>("SELECT DISTINCT doc FROM updates WHERE doc >= ? AND doc < ?"),
      inWorkspace: db.prepare<[string], Row>("SELECT * FROM class_documents WHERE workspace = ?"),
      inGroup: db.prepare<[string, string], { n: number }>("SELECT count(*) AS n FROM class_documents WHERE workspace = ? AND group_id = ?"),
      upsertGroup: db.prepare<[string, string, string | null]>(
        "INSERT INTO class_documents (doc, workspace, group_id) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET group_id = excluded.group_id",
      ),
      upsertLock: db.prepare<[string, string, number, number | null]>(
        "INSERT INTO class_documents (doc, workspace, locked, lock_from) VALUES (?, ?, ?, ?) ON CONFLICT (doc) DO UPDATE SET locked = excluded.locked, lock_from = excluded.lock_from",
      ),
    };
  }

  /**
   * The document's place and lock (its group's lock included); class-wide and unlocked when
   * no teacher placed it.
   */
  get(doc: string): DocumentAccess {
    const row = this.stmts.get.get(doc);
    if (!row) return CLASS_WIDE;
    const own = fromRow(row);
    if (own.groupId === null) return own;
    return withGroupLock(own, this.groupLocks.get(row.workspace, own.groupId)?.lockFrom);
  }

  /** Every document of the class that a teacher placed or locked. */
  placed(workspace: string): ClassDocumentRecord[] {
    return this.stmts.inWorkspace.all(workspace).map((row) => ({ doc: row.doc, ...fromRow(row) }));
  }

  /** Names of the documents of `workspace` that have stored content, placed or not. */
  stored(workspace: string): string[] {
    return this.stmts.stored.all(`${workspace}/`, `${workspace}0`).map((r) => r.doc);
  }

  /** How many documents are in group `groupId`. */
  countInGroup(workspace: string, groupId: string): number {
    return this.stmts.inGroup.get(workspace, groupId)?.n ?? 0;
  }

  /** Puts `doc` in group `groupId`, or in the whole class (null). */
  assign(doc: string, groupId: string | null): void {
    const workspace = workspaceOf(doc) ?? doc;
    this.db.transaction(() => {
      this.stmts.upsertGroup.run(doc, workspace, groupId);
      this.classes.changed(workspace);
    })();
  }

  /** Locks `doc` for students from `lockFrom` (ms since epoch) on, or at once (null). */
  lock(doc: string, lockFrom: number | null): void {
    this.setLock(doc, 1, lockFrom);
  }

  unlock(doc: string): void {
    this.setLock(doc, 0, null);
  }

  private setLock(doc: string, locked: number, lockFrom: number | null): void {
    const workspace = workspaceOf(doc) ?? doc;
    this.db.transaction(() => {
      this.stmts.upsertLock.run(doc, workspace, locked, lockFrom);
      this.classes.changed(workspace);
    })();
  }
}

function fromRow(row: Row): DocumentAccess {
  return { groupId: row.group_id, locked: row.locked === 1, lockFrom: row.lock_from };
}
