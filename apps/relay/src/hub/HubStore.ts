/**
 * @module HubStore
 * A hub's own small state in its database (issue 14), in tables of its own module so they
 * merge beside other work: where it is in the upstream's revocation list, and per document
 * when it was last in sync with the upstream and how many bytes went each way. Progress of a
 * replication is the documents themselves (their state vectors and digests): a document
 * whose digest equals the upstream's is done, so a pass cut at any point resumes with the
 * documents still different and never resends a finished one.
 */
import type { Db } from "@quire/storage-sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS hub_state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hub_docs (
  doc TEXT PRIMARY KEY,
  synced_at INTEGER NOT NULL,
  bytes_sent INTEGER NOT NULL DEFAULT 0,
  bytes_received INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

export class HubStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly syncedStmt;
  private readonly totalsStmt;

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.getStmt = db.prepare<[string], { value: number }>("SELECT value FROM hub_state WHERE key = ?");
    this.setStmt = db.prepare<[string, number]>("INSERT INTO hub_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    this.syncedStmt = db.prepare<[string, number, number, number]>(
      `INSERT INTO hub_docs (doc, synced_at, bytes_sent, bytes_received) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc) DO UPDATE SET synced_at = excluded.synced_at,
         bytes_sent = bytes_sent + excluded.bytes_sent, bytes_received = bytes_received + excluded.bytes_received`,
    );
    this.totalsStmt = db.prepare<[], { sent: number | null; received: number | null; docs: number }>(
      "SELECT sum(bytes_sent) AS sent, sum(bytes_received) AS received, count(*) AS docs FROM hub_docs",
    );
  }

  /** A stored number (0 when never set): `revocationsAfter`, `lastSyncedAt`. */
  get(key: "revocationsAfter" | "lastSyncedAt"): number {
    return this.getStmt.get(key)?.value ?? 0;
  }

  set(key: "revocationsAfter" | "lastSyncedAt", value: number): void {
    this.setStmt.run(key, value);
  }

  /** Records that `doc` is in sync with the upstream as of `at`, adding the bytes it took. */
  synced(doc: string, at: number, sent: number, received: number): void {
    this.syncedStmt.run(doc, at, sent, received);
  }

  /** Bytes sent and received over all time, and how many documents were ever synced. */
  totals(): { sent: number; received: number; docs: number } {
    const row = this.totalsStmt.get();
    return { sent: row?.sent ?? 0, received: row?.received ?? 0, docs: row?.docs ?? 0 };
  }
}
