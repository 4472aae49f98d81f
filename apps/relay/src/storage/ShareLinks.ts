/**
 * @module ShareLinks
 * Read-only share links (issue 13: "read-only share links for a parent or a partner school,
 * revocable"): a teacher makes a link for one document; whoever holds its secret exchanges it
 * for a viewer token for that document only (share-links-api.ts).
 *
 * The secret is 32 random bytes shown once; only its SHA-256 is stored (a stolen database
 * opens nothing; 256 bits need no slow hash against guessing). Every token a link mints
 * carries the link's id as its `jti`, so revoking the link is one row in `revoked_tokens`
 * and every socket and API call of every holder is refused at once.
 *
 * Its own table (CREATE TABLE IF NOT EXISTS here, as StorageUsage does). A revoked link's row
 * stays (revoked_at set) so its id is never handed out again.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@quire/storage-sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS class_share_links (
  id TEXT PRIMARY KEY,
  workspace TEXT NOT NULL,
  doc TEXT NOT NULL,
  label TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS class_share_links_workspace ON class_share_links (workspace);
`;

export interface ShareLink {
  id: string;
  workspace: string;
  /** The full document name, `<workspace>/<docId>`. */
  doc: string;
  label: string;
  createdAt: number;
}

type Row = { id: string; workspace: string; doc: string; label: string; created_at: number; revoked_at: number | null };

export class ShareLinks {
  private readonly stmts;

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.stmts = {
      insert: db.prepare<[string, string, string, string, string, number]>(
        "INSERT INTO class_share_links (id, workspace, doc, label, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      active: db.prepare<[string], Row>("SELECT * FROM class_share_links WHERE workspace = ? AND revoked_at IS NULL ORDER BY created_at, id"),
      bySecret: db.prepare<[string], Row>("SELECT * FROM class_share_links WHERE secret_hash = ? AND revoked_at IS NULL"),
      revoke: db.prepare<[number, string, string]>("UPDATE class_share_links SET revoked_at = ? WHERE id = ? AND workspace = ? AND revoked_at IS NULL"),
    };
  }

  /** A new link for `doc`; returns it with its secret (shown once, never stored). */
  create(workspace: string, doc: string, label: string): { link: ShareLink; secret: string } {
    const id = `sl_${randomBytes(12).toString("base64url")}`;
    const secret = randomBytes(32).toString("base64url");
    const createdAt = Date.now();
    this.stmts.insert.run(id, workspace, doc, label, hashOf(secret), createdAt);
    return { link: { id, workspace, doc, label, createdAt }, secret };
  }

  /** The class's links that still work, oldest first. */
  active(workspace: string): ShareLink[] {
    return this.stmts.active.all(workspace).map(fromRow);
  }

  /** The working link whose secret this is, or null (unknown or revoked). */
  find(secret: string): ShareLink | null {
    const row = this.stmts.bySecret.get(hashOf(secret));
    return row ? fromRow(row) : null;
  }

  /** Revokes link `id` of `workspace`; false when there is no such working link. */
  revoke(workspace: string, id: string): boolean {
    return this.stmts.revoke.run(Date.now(), id, workspace).changes > 0;
  }
}

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function fromRow(row: Row): ShareLink {
  return { id: row.id, workspace: row.workspace, doc: row.doc, label: row.label, createdAt: row.created_at };
}
