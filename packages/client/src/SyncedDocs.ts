/**
 * @module SyncedDocs
 * Which documents a reconnect need not sync again (issue 17 item 4: re-walking every doc cost
 * ~100 bytes each per reconnect). A doc qualifies when a background sync brought it fully in
 * sync (nothing unsent, everything acked), nothing on this device touched it since (the editor,
 * a sync-file import, an explicit sync request), its index entry ("last edited") is the same,
 * and that sync finished more than a touch interval (+ margin) after the entry. A writer touches
 * the entry at most every TOUCH_INTERVAL_MS, so an edit after such a sync either came with a new
 * touch (the entry differs: synced) or fell inside the interval, before the sync, which carried
 * it. Clock skew between devices beyond the margin could leave a copy stale (a writer's last
 * seconds of typing); so a reconnect walks every doc anyway once the last full walk is older than
 * `fullWalkEveryMs` (WEB_LIMITS.fullResyncIntervalMs), which bounds how long that can last. The
 * editor always syncs the doc it opens; nothing unsent is ever skipped.
 */
import { TOUCH_INTERVAL_MS } from "./WorkspaceIndex.ts";

export class SyncedDocs {
  private readonly inSync = new Map<string, { updatedAt: number | undefined; at: number }>();
  /** Bumped whenever something on this device may change a doc. */
  private readonly touches = new Map<string, number>();

  /** When a reconnect last walked every doc (ms; 0: never). */
  private lastFullWalk = 0;

  /**
   * @param marginMs clock-skew allowance on top of the touch interval
   * @param fullWalkEveryMs a reconnect walks every doc when the last full walk is older
   */
  constructor(
    private readonly marginMs: number,
    private readonly fullWalkEveryMs: number,
  ) {}

  /** The docs a reconnect must sync: all when a full walk is due, else those that may have changed. */
  toWalk(ids: readonly string[], updatedAtOf: (id: string) => number | undefined, now = Date.now()): string[] {
    if (now - this.lastFullWalk >= this.fullWalkEveryMs) {
      this.lastFullWalk = now;
      return [...ids];
    }
    return ids.filter((id) => !this.unchanged(id, updatedAtOf(id)));
  }

  /** Something on this device may change `docId`: it must sync on the next reconnect. */
  touched(docId: string): void {
    this.inSync.delete(docId);
    this.touches.set(docId, (this.touches.get(docId) ?? 0) + 1);
  }

  /** Call when a background sync of `docId` starts; pass the result to {@link synced}. */
  begin(docId: string): number {
    return this.touches.get(docId) ?? 0;
  }

  /** A background sync begun at `began` ended fully in sync, the index entry then `updatedAt`. */
  synced(docId: string, began: number, updatedAt: number | undefined, now = Date.now()): void {
    if ((this.touches.get(docId) ?? 0) === began) this.inSync.set(docId, { updatedAt, at: now });
  }

  /** True when `docId` (its index entry now `updatedAt`) cannot have changed since its last sync. */
  unchanged(docId: string, updatedAt: number | undefined): boolean {
    const synced = this.inSync.get(docId);
    if (!synced || updatedAt === undefined || synced.updatedAt !== updatedAt) return false;
    return synced.at > updatedAt + TOUCH_INTERVAL_MS + this.marginMs;
  }
}
