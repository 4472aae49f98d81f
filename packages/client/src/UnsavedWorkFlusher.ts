/**
 * @module UnsavedWorkFlusher
 * On a shared computer, the people not writing right now may still have edits on this device
 * that the relay has not saved (Ana wrote offline, then handed the laptop to Ben). Those edits
 * live in Ana's own device copies and may only be sent with Ana's token (device-copy-name.ts),
 * so nothing would send them until Ana writes again. This sends them in the background: for
 * every other person of the workspace with unsaved edits it opens a session of theirs (no
 * editor, no presence), whose background sync sends and confirms every doc, checks again
 * every {@link RECHECK_MS}, and closes it once nothing is left.
 *
 * Invariants: each person's copies are synced only with their own token; at most one such
 * session per person; a workspace the relay has not registered is left alone (its registration
 * needs its own owner's session); `stop()` closes everything.
 */
import type { Membership } from "./membership.ts";
import { memberKey } from "./membership.ts";
import { countUnsavedChanges } from "./unsaved-changes.ts";

/** Checking a person's copies reads one small value per doc: cheap enough every few seconds. */
export const RECHECK_MS = 5_000;

/** What the flusher needs of a session: something that syncs the person's copies until closed. */
export interface Closable {
  destroy(): void;
}

export interface UnsavedWorkFlusherOptions {
  /** The other people of the workspace on this device, read fresh at each check. */
  others(): Membership[];
  /** Opens a headless session of `m` (background sync of every doc with `m`'s token). */
  openSession(m: Membership): Closable;
  indexedDB?: IDBFactory;
}

export class UnsavedWorkFlusher {
  private readonly sessions = new Map<string, Closable>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private checking = false;

  constructor(private readonly options: UnsavedWorkFlusherOptions) {
    void this.check();
  }

  /** People whose unsaved edits are being sent now. */
  flushing(): string[] {
    return [...this.sessions.keys()];
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    for (const session of this.sessions.values()) session.destroy();
    this.sessions.clear();
  }

  private async check(): Promise<void> {
    if (this.stopped || this.checking) return;
    this.checking = true;
    try {
      const others = this.options.others().filter((m) => !m.registration && m.token !== "");
      const present = new Set(others.map(memberKey));
      for (const [key, session] of this.sessions) {
        if (!present.has(key)) {
          session.destroy(); // Signed out, or writing now in the foreground.
          this.sessions.delete(key);
        }
      }
      for (const m of others) {
        const key = memberKey(m);
        let unsaved: number;
        try {
          unsaved = await countUnsavedChanges(m, this.options.indexedDB);
        } catch {
          continue; // Unreadable now: try again next time.
        }
        if (this.stopped) return;
        const open = this.sessions.get(key);
        if (unsaved > 0 && !open) this.sessions.set(key, this.options.openSession(m));
        if (unsaved === 0 && open) {
          open.destroy();
          this.sessions.delete(key);
        }
      }
    } finally {
      this.checking = false;
      if (!this.stopped) this.timer = setTimeout(() => void this.check(), RECHECK_MS);
    }
  }
}
