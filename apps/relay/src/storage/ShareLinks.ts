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
 *
 * A link may also cover a whole class or one group (issue 13 item 3: a parent, a partner
 * school): its `doc` is then `<workspace>/*` or `<workspace>/*<groupId>` — `*` is no part of
 * the document-name grammar, so it never names a real document. Such a link's tokens are
 * workspace tokens whose `sub` is the link id; ClassAccess reads its scope here
 * ({@link ShareLinks.scope}) and lets it read, never write.
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

/** What a link opens: one document, or every document of the class or of one group. */
export type ShareScope = { kind: "doc" } | { kind: "class" } | { kind: "group"; groupId: string };

export interface ShareLink {
  id: string;
  workspace: string;
  /** The full document name, `<workspace>/<docId>`; `<workspace>/*[groupId]` for a class or group link. */
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
      byId: db.prepare<[string, string], Row>("SELECT * FROM class_share_links WHERE id = ? AND workspace = ? AND revoked_at IS NULL"),
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

  /** A new link for every document of the class (`groupId` null) or of one group. */
  createScoped(workspace: string, groupId: string | null, label: string): { link: ShareLink; secret: string } {
    return this.create(workspace, `${workspace}/*${groupId ?? ""}`, label);
  }

  /** The scope of working link `id` of `workspace`, or null when there is none (unknown or revoked). */
  workingScope(workspace: string, id: string): ShareScope | null {
    const row = this.stmts.byId.get(id, workspace);
    return row ? scopeOf(row) : null;
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

/** What `link` opens (see the module comment for the encoding). */
export function scopeOf(link: { workspace: string; doc: string }): ShareScope {
  const rest = link.doc.slice(link.workspace.length + 1);
  if (!rest.startsWith("*")) return { kind: "doc" };
  return rest === "*" ? { kind: "class" } : { kind: "group", groupId: rest.slice(1) };
}

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function fromRow(row: Row): ShareLink {
  return { id: row.id, workspace: row.workspace, doc: row.doc, label: row.label, createdAt: row.created_at };
}
