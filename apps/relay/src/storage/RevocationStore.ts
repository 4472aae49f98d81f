/**
 * @module RevocationStore
 * Revoked token ids (jti). Tokens are long-lived (a school term) so a lost device's token
 * must be revocable: `token-cli --revoke <jti>` writes here, the relay checks on every
 * connection and refresh.
 */
import type { Db } from "./open-database.ts";

export class RevocationStore {
  private readonly insertStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number]>("INSERT OR IGNORE INTO revoked_tokens (jti, revoked_at) VALUES (?, ?)");
    this.getStmt = db.prepare<[string], { jti: string }>("SELECT jti FROM revoked_tokens WHERE jti = ?");
  }

  revoke(jti: string): void {
    this.insertStmt.run(jti, Date.now());
  }

  isRevoked(jti: string): boolean {
    return this.getStmt.get(jti) !== undefined;
  }
}
