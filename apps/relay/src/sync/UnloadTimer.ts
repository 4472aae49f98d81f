/**
 * @module UnloadTimer
 * When a loaded room leaves memory: `delayMs` after it became idle (no socket, and no hold —
 * a history change in flight that commits through the room without a socket). Nothing here
 * decides what unloading does; the room passes that in.
 *
 * Invariants:
 * - At most one timer; `arm` restarts it, `cancel` and a new hold stop it.
 * - The unload runs only if the room is still idle when the timer fires (a socket or a hold
 *   may have come meanwhile), and never while a hold is out.
 */
export class UnloadTimer {
  private timer: NodeJS.Timeout | null = null;
  private holds = 0;

  constructor(
    private readonly delayMs: number,
    /** No socket and the room is ready (holds are counted here). */
    private readonly idle: () => boolean,
    private readonly unload: () => void,
  ) {}

  /** Starts (or restarts) the wait if the room is idle and nothing holds it. */
  arm(): void {
    if (this.holds > 0 || !this.idle()) return;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.holds === 0 && this.idle()) this.unload();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Keeps the room loaded until the returned release is called (once; later calls do nothing). */
  hold(): () => void {
    this.holds += 1;
    this.cancel();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.arm();
    };
  }
}
