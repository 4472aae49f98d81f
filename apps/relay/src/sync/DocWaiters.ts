/**
 * @module DocWaiters
 * Conditions waiting for a room's doc to change (e.g. an update held until the clocks it
 * builds on arrive). Re-checked after each commit, after an update from another node and when
 * the room goes away; each resolves once, true when its condition held in time.
 */
export class DocWaiters {
  private readonly checks = new Set<() => void>();

  /** `isReady`: false once the room is no longer serving (every waiter then resolves false). */
  constructor(private readonly isReady: () => boolean) {}

  /** Resolves true as soon as `condition` holds, false after `timeoutMs` or once not ready. */
  whenTrue(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.checks.delete(check);
        resolve(result);
      };
      const check = () => {
        if (!this.isReady()) finish(false);
        else if (condition()) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.checks.add(check);
    });
  }

  /** The doc changed (or the room went away): re-check every waiting condition. */
  recheck(): void {
    for (const check of [...this.checks]) check();
  }
}
