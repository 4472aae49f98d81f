/**
 * @module IndexSplits
 * Which classes keep their document list split into one index doc per audience (issue 13;
 * @quire/core `indexPartDocName`). A class is split once, the first time it has groups, and
 * stays split: going back would send every member the class-wide `<ws>/index` again, which
 * still holds the titles of every group's documents from before the split.
 *
 * Its own table (CREATE TABLE IF NOT EXISTS here, as StorageUsage does), so a database from
 * before this version gains it on start; no existing row changes.
 */
import type { Db } from "@quire/storage-sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS class_index_splits (
  workspace TEXT PRIMARY KEY,
  split_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

export class IndexSplits {
  private readonly stmts;
  /** Split classes never unsplit, so a yes is cached for good (checked on every frame of `<ws>/index`). */
  private readonly known = new Set<string>();

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.stmts = {
      get: db.prepare<[string], { split_at: number }>("SELECT split_at FROM class_index_splits WHERE workspace = ?"),
      insert: db.prepare<[string, number]>("INSERT OR IGNORE INTO class_index_splits (workspace, split_at) VALUES (?, ?)"),
      // Classes with groups that are not split yet: the migration of data from before splits.
      unsplit: db.prepare<[], { workspace: string }>(
        "SELECT DISTINCT g.workspace AS workspace FROM class_groups g LEFT JOIN class_index_splits s ON s.workspace = g.workspace WHERE s.workspace IS NULL",
      ),
    };
  }

  isSplit(workspace: string): boolean {
    if (this.known.has(workspace)) return true;
    const split = this.stmts.get.get(workspace) !== undefined;
    if (split) this.known.add(workspace);
    return split;
  }

  mark(workspace: string, at = Date.now()): void {
    this.stmts.insert.run(workspace, at);
    this.known.add(workspace);
  }

  /** Classes that have groups but still one index doc. */
  unsplit(): string[] {
    return this.stmts.unsplit.all().map((r) => r.workspace);
  }
}
