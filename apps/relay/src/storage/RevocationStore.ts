/**
 * @module RevocationStore
 * Revoked token ids (jti). Tokens are long-lived (a school term) so a lost device's token
 * must be revocable: `token-cli --revoke <jti>` writes here, the relay checks on every
 * connection and refresh, and polls {@link RevocationStore.revokedAfter} to close the sockets
 * already open with a newly revoked token (RevocationWatcher).
 */
import type { Db } from "@quire/storage-sqlite";

export class RevocationStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly afterStmt;
  private readonly lastStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number]>("INSERT OR IGNORE INTO revoked_tokens (jti, revoked_at) VALUES (?, ?)");
    this.getStmt = db.prepare<[string], { jti: string }>("SELECT jti FROM revoked_tokens WHERE jti = ?");
    // rowid grows with every insert (the table is a rowid table), so "after the last seen
    // rowid" is an index range scan however many tokens were ever revoked.
    this.afterStmt = db.prepare<[number], { rowid: number; jti: string }>("SELECT rowid, jti FROM revoked_tokens WHERE rowid > ? ORDER BY rowid LIMIT 1000");
    this.lastStmt = db.prepare<[], { last: number | null }>("SELECT max(rowid) AS last FROM revoked_tokens");
  }

  revoke(jti: string): void {
    this.insertStmt.run(jti, Date.now());
  }

  isRevoked(jti: string): boolean {
    return this.getStmt.get(jti) !== undefined;
  }

  /** The highest revocation row so far (0 when none): where a watcher starts. */
  lastRowid(): number {
    return this.lastStmt.get()?.last ?? 0;
  }

  /** Revocations written after row `rowid`, oldest first, at most 1,000 at a time. */
  revokedAfter(rowid: number): { rowid: number; jti: string }[] {
    return this.afterStmt.all(rowid);
  }
}
