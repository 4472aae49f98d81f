/**
 * @module class-schema
 * The tables of classes (issue 13), created by their own module so they merge beside other
 * work, and the migration from workspaces as they were before classes.
 *
 * Migration (idempotent, runs at every start): every workspace's owner becomes a teacher.
 * Members who joined with a code before classes existed were never recorded; ClassAccess
 * records them the first time their token is seen (editor → student, viewer → viewer), so a
 * workspace without groups behaves exactly as before and nobody has to sign in again.
 *
 * - `class_members`: one row per member ever seen; `removed_at` set when a teacher removed
 *   her (the row stays, so her old token cannot be recorded again as a new member).
 * - `class_changes`: one row per change to a class's members, groups or documents; every
 *   relay process polls it (ClassWatcher) to re-check its live sockets of that class.
 */
import type { Db } from "@quire/storage-sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS class_members (
  workspace TEXT NOT NULL,
  sub TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  sign_in_code TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  last_active_at INTEGER,
  removed_at INTEGER,
  PRIMARY KEY (workspace, sub)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_groups (
  id TEXT PRIMARY KEY,
  workspace TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS class_groups_workspace ON class_groups (workspace);
CREATE TABLE IF NOT EXISTS class_group_members (
  workspace TEXT NOT NULL,
  sub TEXT NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (workspace, sub, group_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_documents (
  doc TEXT PRIMARY KEY,
  workspace TEXT NOT NULL,
  group_id TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  lock_from INTEGER
);
CREATE INDEX IF NOT EXISTS class_documents_workspace ON class_documents (workspace);
CREATE TABLE IF NOT EXISTS class_changes (
  workspace TEXT NOT NULL,
  at INTEGER NOT NULL
);
`;

const MIGRATE_OWNERS = `
INSERT OR IGNORE INTO class_members (workspace, sub, name, role, created_at)
SELECT id, owner_sub, '', 'teacher', created_at FROM workspaces
`;

/** Creates the class tables if needed and makes every workspace owner a teacher. */
export function openClassSchema(db: Db): void {
  db.exec(SCHEMA);
  db.exec(MIGRATE_OWNERS);
}
