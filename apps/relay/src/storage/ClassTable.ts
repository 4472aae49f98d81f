/**
 * @module ClassTable
 * Base of the class tables that live beside ClassStore's (GroupLocks, JoinRequests, the hub's
 * HubRoster). Each creates its own tables (CREATE TABLE IF NOT EXISTS in its own module, as
 * StorageUsage does, so parallel schema work merges) and writes every change of a class in one
 * transaction with that class's `class_changes` row (ClassStore.changed): ClassAccess drops its
 * cached decisions at once and other relay processes see the change within CLASS_POLL_MS.
 */
import type { Db } from "@quire/storage-sqlite";
import type { ClassStore } from "./ClassStore.ts";

export abstract class ClassTable {
  /** `db` must have the class tables (ClassStore is built first); `schema` creates this table's own. */
  protected constructor(
    protected readonly db: Db,
    protected readonly classes: ClassStore,
    schema: string,
  ) {
    db.exec(schema);
  }

  /**
   * Runs `change` in one transaction; when it returns true (something changed), the class's
   * change row is written in the same transaction. Returns what `change` returned.
   */
  protected change(workspace: string, change: () => boolean): boolean {
    return this.db.transaction(() => {
      if (!change()) return false;
      this.classes.changed(workspace);
      return true;
    })();
  }
}
