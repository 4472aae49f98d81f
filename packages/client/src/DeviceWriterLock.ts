/**
 * @module DeviceWriterLock
 * Of the tabs that have one device copy open, one stores what arrives from the relay. Every
 * tab has its own socket, so a classmate's edit reaches each of them; each stored it, and two
 * tabs meant two rows per remote edit. The tab holding this Web Lock (named after the device
 * copy) stores relay updates; the others skip them.
 *
 * Invariant: the device copy never lacks what a tab skipped. A tab that skipped updates and then
 * gets the lock (the holder closed, crashed or was discarded: the browser frees its locks)
 * stores its whole state once. Without Web Locks (old browsers, Node tests) every tab stores
 * everything, as before.
 */

/** Channel-like naming: one lock per person and document. */
const PREFIX = "quire-device-writer:";

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

export class DeviceWriterLock {
  private state: "waiting" | "held" | "released" = "waiting";
  private release: (() => void) | null = null;
  private skipped = false;

  /**
   * Asks for the lock of device copy `name`; once it is granted, `onAcquired(skipped)` runs —
   * `skipped`: this tab skipped relay updates meanwhile, so it must store its whole state.
   * Returns null where Web Locks do not exist (then every tab stores everything).
   */
  static request(name: string, onAcquired: (skipped: boolean) => void, locks?: LockManagerLike): DeviceWriterLock | null {
    const manager = locks ?? (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    return manager ? new DeviceWriterLock(manager, name, onAcquired) : null;
  }

  private constructor(manager: LockManagerLike, name: string, onAcquired: (skipped: boolean) => void) {
    void manager
      .request(
        PREFIX + name,
        () =>
          new Promise<void>((resolve) => {
            if (this.state === "released") return resolve();
            this.state = "held";
            this.release = resolve;
            onAcquired(this.skipped);
          }),
      )
      .catch(() => {
        // The request was refused (document torn down): nothing to hold.
      });
  }

  /** Whether to skip storing an update from the relay now (another tab stores it); remembered. */
  skipRelayUpdate(): boolean {
    if (this.state === "held") return false;
    this.skipped = true;
    return true;
  }

  /** Gives the lock up (or the place in the queue for it). */
  close(): void {
    this.state = "released";
    this.release?.();
    this.release = null;
  }
}
