/**
 * @module ClientIdStore
 * Which user (token `sub`) owns each Yjs client id of each document (security review S2).
 *
 * Invariants:
 * - A binding is written once, by the first user whose update brought new structs under that
 *   id, and never changes: `INSERT OR IGNORE` keeps the first owner if two race.
 * - It is written (autocommit) before the update that needs it is staged, so every client id
 *   in the stored rows of a doc written since this table exists has an owner, also after a
 *   crash or restart. Ids in rows written before it existed have none until someone writes
 *   under them again (see SECURITY.md).
 * - Rows are never deleted: one per (doc, session of a user), a few bytes each; compaction of
 *   the updates does not touch them.
 */
import type { Db } from "./open-database.ts";

export class ClientIdStore {
  private readonly ownersStmt;
  private readonly bindStmt;
  private readonly ownerStmt;

  constructor(db: Db) {
    this.ownersStmt = db.prepare<[string], { client: number; sub: string }>("SELECT client, sub FROM client_ids WHERE doc = ?");
    this.bindStmt = db.prepare<[string, number, string, number]>("INSERT OR IGNORE INTO client_ids (doc, client, sub, at) VALUES (?, ?, ?, ?)");
    this.ownerStmt = db.prepare<[string, number], { sub: string }>("SELECT sub FROM client_ids WHERE doc = ? AND client = ?");
  }

  /** Every binding of `doc` (loaded once per room load). */
  owners(doc: string): Map<number, string> {
    const owners = new Map<number, string>();
    for (const row of this.ownersStmt.iterate(doc)) owners.set(row.client, row.sub);
    return owners;
  }

  /** Binds `client` of `doc` to `sub` unless already bound; returns the owner it has now. */
  bind(doc: string, client: number, sub: string): string {
    this.bindStmt.run(doc, client, sub, Date.now());
    return this.ownerStmt.get(doc, client)?.sub ?? sub;
  }
}
