/**
 * @module StorageUsage
 * Stored bytes per document and writer, rolled up per workspace and per member, and the
 * quotas on them (security review S5: one member filled the disk for every class).
 *
 * Invariants:
 * - `storage_usage` holds, per (doc, writer), bytes of that doc's `updates` rows; per doc the
 *   bytes sum to exactly SUM(length(data)) of its rows. It changes only in the transaction
 *   that changes the rows (DocumentStore's group commit, append, compaction), so a crash
 *   never leaves the two apart; nothing ever SUMs the updates table on a write.
 * - The writer is the token `sub` of the socket that sent the update, stamped by the relay
 *   at write time; "" marks bytes written before accounting existed or by a tool.
 * - In memory: the committed totals per workspace and per member, plus bytes staged in this
 *   turn and not yet written (pending). A quota check counts both, so several writes in one
 *   turn cannot jointly pass a quota that each passes alone.
 * - Compaction replaces rows by one merged row: the doc's writers keep their shares of what
 *   remains, in proportion (rounded so the doc's total stays exact).
 * - A workspace is the first segment of a doc name (`<workspace>/<doc>`); a member is a token
 *   `sub`. A quota of 0 means none.
 */
import type { Db } from "./open-database.ts";

export interface Quotas {
  /** Stored bytes allowed per workspace (0: no limit). */
  workspaceQuotaBytes: number;
  /** Stored bytes one member (token `sub`) may have written (0: no limit). */
  userQuotaBytes: number;
}

/** Bytes one writer adds to (or, negative, removes from) one doc. */
export interface Charge {
  doc: string;
  writer: string;
  bytes: number;
}

export interface UsageFigure {
  usedBytes: number;
  /** null: no quota. */
  quotaBytes: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS storage_usage (
  doc TEXT NOT NULL,
  writer TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (doc, writer)
) WITHOUT ROWID;
`;

/** The workspace a doc belongs to: the first segment of its name. */
export function workspaceOf(doc: string): string {
  const slash = doc.indexOf("/");
  return slash === -1 ? doc : doc.slice(0, slash);
}

export class StorageUsage {
  private readonly workspaceBytes = new Map<string, number>();
  private readonly memberBytes = new Map<string, number>();
  private readonly workspacePending = new Map<string, number>();
  private readonly memberPending = new Map<string, number>();
  private readonly addStmt;
  private readonly docRowsStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(
    db: Db,
    private readonly quotas: Quotas = { workspaceQuotaBytes: 0, userQuotaBytes: 0 },
  ) {
    const existed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'storage_usage'").get() !== undefined;
    db.exec(SCHEMA);
    if (!existed) {
      // A database from before accounting: count its rows once (the only full scan), as
      // written by nobody in particular, so workspace totals are right from the first start.
      db.exec("INSERT INTO storage_usage (doc, writer, bytes) SELECT doc, '', SUM(length(data)) FROM updates GROUP BY doc");
    }
    this.addStmt = db.prepare<[string, string, number]>(
      "INSERT INTO storage_usage (doc, writer, bytes) VALUES (?, ?, ?) ON CONFLICT (doc, writer) DO UPDATE SET bytes = bytes + excluded.bytes",
    );
    this.docRowsStmt = db.prepare<[string], { writer: string; bytes: number }>("SELECT writer, bytes FROM storage_usage WHERE doc = ?");
    this.setStmt = db.prepare<[number, string, string]>("UPDATE storage_usage SET bytes = ? WHERE doc = ? AND writer = ?");
    this.deleteStmt = db.prepare<[string, string]>("DELETE FROM storage_usage WHERE doc = ? AND writer = ?");
    for (const row of db.prepare<[], Charge>("SELECT doc, writer, bytes FROM storage_usage").iterate()) {
      this.add(this.workspaceBytes, workspaceOf(row.doc), row.bytes);
      if (row.writer !== "") this.add(this.memberBytes, row.writer, row.bytes);
    }
  }

  /**
   * Why `writer` may not add `bytes` to `doc` (a message for the close reason), or null when
   * it fits every quota, counting what is staged but not yet written.
   */
  refusal(doc: string, writer: string, bytes: number): string | null {
    const { userQuotaBytes, workspaceQuotaBytes } = this.quotas;
    if (userQuotaBytes > 0 && writer !== "") {
      const used = (this.memberBytes.get(writer) ?? 0) + (this.memberPending.get(writer) ?? 0);
      if (used + bytes > userQuotaBytes) {
        return `your storage quota on this relay is used up (${used} of ${userQuotaBytes} bytes): the update was not saved`;
      }
    }
    if (workspaceQuotaBytes > 0) {
      const workspace = workspaceOf(doc);
      const used = (this.workspaceBytes.get(workspace) ?? 0) + (this.workspacePending.get(workspace) ?? 0);
      if (used + bytes > workspaceQuotaBytes) {
        return `this workspace's storage quota is used up (${used} of ${workspaceQuotaBytes} bytes): the update was not saved`;
      }
    }
    return null;
  }

  /** Counts a staged row against the quotas until {@link settle} says how its write went. */
  reserve(charge: Charge): void {
    this.add(this.workspacePending, workspaceOf(charge.doc), charge.bytes);
    if (charge.writer !== "") this.add(this.memberPending, charge.writer, charge.bytes);
  }

  /** Records `charges` in the table. Call inside the transaction that writes their rows. */
  persist(charges: readonly Charge[]): void {
    for (const { doc, writer, bytes } of charges) this.addStmt.run(doc, writer, bytes);
  }

  /** The transaction holding reserved `charges` ended: they stop being pending, and count if `written`. */
  settle(charges: readonly Charge[], written: boolean): void {
    for (const charge of charges) {
      this.add(this.workspacePending, workspaceOf(charge.doc), -charge.bytes);
      if (charge.writer !== "") this.add(this.memberPending, charge.writer, -charge.bytes);
    }
    if (written) this.applied(charges);
  }

  /** Adds committed `charges` (of a transaction that has committed) to the totals. */
  applied(charges: readonly Charge[]): void {
    for (const { doc, writer, bytes } of charges) {
      this.add(this.workspaceBytes, workspaceOf(doc), bytes);
      if (writer !== "") this.add(this.memberBytes, writer, bytes);
    }
  }

  /**
   * Compaction replaced `removedBytes` of `doc`'s rows by a row of `mergedBytes`: each writer
   * keeps its share of the doc. Call inside the compaction's transaction; returns the changes
   * to hand to {@link applied} once it committed.
   */
  rescale(doc: string, removedBytes: number, mergedBytes: number): Charge[] {
    const rows = this.docRowsStmt.all(doc);
    const before = rows.reduce((sum, row) => sum + row.bytes, 0);
    const after = Math.max(0, before - removedBytes + mergedBytes);
    const changes: Charge[] = [];
    if (before <= 0) {
      // Rows written with no account (should not happen): book what exists as unattributed.
      if (after !== 0) this.persist([{ doc, writer: "", bytes: after }]);
      return after === 0 ? [] : [{ doc, writer: "", bytes: after }];
    }
    // Largest share first, so the rounding remainder goes to the biggest writer.
    rows.sort((a, b) => b.bytes - a.bytes);
    let assigned = 0;
    const shares = rows.map((row) => {
      const share = Math.floor((row.bytes * after) / before);
      assigned += share;
      return share;
    });
    shares[0] = (shares[0] ?? 0) + (after - assigned);
    rows.forEach((row, i) => {
      const share = shares[i] ?? 0;
      if (share === row.bytes) return;
      if (share === 0) this.deleteStmt.run(doc, row.writer);
      else this.setStmt.run(share, doc, row.writer);
      changes.push({ doc, writer: row.writer, bytes: share - row.bytes });
    });
    return changes;
  }

  /** Stored bytes of `workspace` and its quota. */
  workspace(workspace: string): UsageFigure {
    return { usedBytes: this.workspaceBytes.get(workspace) ?? 0, quotaBytes: this.quotas.workspaceQuotaBytes || null };
  }

  /** Stored bytes written by member `sub` (all workspaces) and the member quota. */
  member(sub: string): UsageFigure {
    return { usedBytes: this.memberBytes.get(sub) ?? 0, quotaBytes: this.quotas.userQuotaBytes || null };
  }

  private add(map: Map<string, number>, key: string, bytes: number): void {
    const next = (map.get(key) ?? 0) + bytes;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  }
}
