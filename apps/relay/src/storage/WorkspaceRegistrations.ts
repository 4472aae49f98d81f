/**
 * @module WorkspaceRegistrations
 * Workspaces a device created offline and registers later under the id it chose (local-first
 * start). Invariants:
 * - An id that already exists is never handed to a newcomer: a registration succeeds only for
 *   a new id, or again for the device that registered it (same registration key) — a retry
 *   after a lost response is idempotent, anyone else gets a conflict (no hijack). An id
 *   "exists" when it has a workspace row OR any stored (or quarantined) document under it:
 *   docs written with CLI `--workspace` tokens have no workspace row, and registering their
 *   id would hand their content and join codes to whoever asked first.
 * - Only a SHA-256 of the registration key is stored; it is compared in constant time.
 * - Creating the workspace row and its registration row is one transaction: a crash between
 *   them cannot leave an id that its own device can no longer register.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@quire/storage-sqlite";
import type { WorkspaceRecord, WorkspaceStore } from "./WorkspaceStore.ts";

export type RegistrationResult =
  | { kind: "created"; workspace: WorkspaceRecord }
  | { kind: "retried"; workspace: WorkspaceRecord }
  | { kind: "conflict" };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workspace_registrations (
  workspace_id TEXT PRIMARY KEY,
  key_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
`;

export class WorkspaceRegistrations {
  private readonly keyHashStmt;
  private readonly insertStmt;
  private readonly docUnderStmt;
  private readonly registerTx;

  constructor(
    db: Db,
    private readonly workspaces: WorkspaceStore,
  ) {
    db.exec(SCHEMA);
    this.keyHashStmt = db.prepare<[string], { key_hash: Buffer }>("SELECT key_hash FROM workspace_registrations WHERE workspace_id = ?");
    this.insertStmt = db.prepare<[string, Buffer, number]>(
      "INSERT INTO workspace_registrations (workspace_id, key_hash, created_at) VALUES (?, ?, ?)",
    );
    // `<id>/` ≤ doc < `<id>0`: every doc name under the id ('0' follows '/'), on the doc index.
    this.docUnderStmt = db.prepare<[string, string, string, string], { found: number }>(
      "SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM updates WHERE doc >= ? AND doc < ?) OR EXISTS (SELECT 1 FROM quarantined_docs WHERE doc >= ? AND doc < ?)",
    );
    this.registerTx = db.transaction((id: string, name: string, ownerSub: string, key: string): RegistrationResult => {
      const hash = hashKey(key);
      const existing = this.workspaces.get(id);
      if (existing) {
        const row = this.keyHashStmt.get(id);
        return row && row.key_hash.length === hash.length && timingSafeEqual(row.key_hash, hash)
          ? { kind: "retried", workspace: existing }
          : { kind: "conflict" };
      }
      if (this.docUnderStmt.get(`${id}/`, `${id}0`, `${id}/`, `${id}0`)) return { kind: "conflict" };
      const workspace = this.workspaces.create(name, ownerSub, id);
      this.insertStmt.run(id, hash, workspace.createdAt);
      return { kind: "created", workspace };
    });
  }

  /**
   * Registers workspace `id` for the device holding `key`. `ownerSub` is used only when the
   * workspace is new; a retry keeps the owner (and name) recorded the first time.
   */
  register(id: string, name: string, ownerSub: string, key: string): RegistrationResult {
    return this.registerTx(id, name, ownerSub, key);
  }
}

function hashKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}
