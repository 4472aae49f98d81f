/**
 * @module MemberActivity
 * "Last activity" of class members for the teacher's member list (issue 13). Every frame a
 * socket sends counts, but the database is written at most once per ACTIVITY_WRITE_INTERVAL_MS
 * per member: a typing class must not turn every keystroke into a second write.
 */
import type { ClassStore } from "../storage/ClassStore.ts";

/** A minute is as fine as "last activity" needs to be, and one write a minute per member is nothing. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;
/** Above this many remembered members, forget those not written within the interval. */
const MAX_REMEMBERED = 10_000;

export class MemberActivity {
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly classes: ClassStore) {}

  /** Notes that `sub` of `workspace` was active at `now` (ms since epoch). */
  seen(workspace: string | undefined, sub: string, now = Date.now()): void {
    if (workspace === undefined) return;
    const key = `${workspace}\u0000${sub}`;
    const last = this.lastWrite.get(key);
    if (last !== undefined && now - last < ACTIVITY_WRITE_INTERVAL_MS) return;
    if (this.lastWrite.size >= MAX_REMEMBERED) this.prune(now);
    this.lastWrite.set(key, now);
    // A workspace without a class has no member row: the update changes nothing.
    this.classes.touch(workspace, sub, now);
  }

  private prune(now: number): void {
    for (const [key, at] of this.lastWrite) if (now - at >= ACTIVITY_WRITE_INTERVAL_MS) this.lastWrite.delete(key);
  }
}
