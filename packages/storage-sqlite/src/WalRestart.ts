/**
 * @module WalRestart
 * Restarts the WAL from the maintenance connection right after a complete checkpoint, so the
 * relay's main connection never does it (issue 17, bench/FINDINGS.md F19).
 *
 * Why: after a checkpoint has copied every frame, the next transaction that writes starts the
 * WAL over from frame 0, and at synchronous = NORMAL SQLite fsyncs the new WAL header inside
 * that transaction (wal.c, ticket ff5be73dee: an out-of-order write after a restart could
 * corrupt the database). Left to itself, that transaction is the relay's next group commit —
 * one fsync on the event loop per checkpoint (one a second), in front of that update's
 * broadcast: the stage trace of the fan-out benchmark found it as the slow 1 %.
 * Writing one tiny row here instead makes this connection the one that restarts (and syncs)
 * the WAL; the main connection's next commit appends behind it with no sync.
 *
 * Invariants:
 * - Durability is unchanged: the same header sync happens, in the worker; commits stay
 *   synchronous = NORMAL.
 * - Only after a checkpoint that copied the whole WAL, and only when another connection wrote
 *   since this one last restarted it (PRAGMA data_version): an idle relay writes nothing.
 * - A failed restart (busy, a database at its size cap) is ignored: the main connection then
 *   restarts the WAL itself, as before.
 */
import type { Db } from "./open-database.ts";

const SCHEMA = `
-- One row rewritten by the maintenance connection to restart the WAL after a checkpoint
-- (WalRestart.ts): its content is never read.
CREATE TABLE IF NOT EXISTS wal_restart (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL
);
`;

export class WalRestart {
  private readonly writeStmt;
  /** data_version right after this connection's last restart (null: none yet). */
  private restartedAt: number | null = null;
  /** Restarts done (tests count them). */
  restarts = 0;

  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
    this.writeStmt = db.prepare<[]>("INSERT INTO wal_restart (id, count) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET count = count + 1");
  }

  /**
   * Call after a checkpoint that copied every WAL frame (and after any truncation): writes the
   * row, which restarts the WAL here. Returns whether it did.
   */
  afterCompleteCheckpoint(): boolean {
    // data_version changes when *another* connection committed: if none did since our last
    // restart, the WAL holds only our own row and restarting again would write every second.
    const version = Number(this.db.pragma("data_version", { simple: true }));
    if (version === this.restartedAt) return false;
    try {
      this.writeStmt.run();
    } catch {
      return false;
    }
    this.restartedAt = Number(this.db.pragma("data_version", { simple: true }));
    this.restarts += 1;
    return true;
  }
}
