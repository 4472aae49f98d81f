/**
 * @module ReplicaMachine
 * A {@link DocReplica}'s decisions without its I/O: the lifecycle ({@link ReplicaLifecycle}) with
 * the inputs that steer it — the browser's word on the network, what the class rules refused
 * (access-refusal.ts) and the relay's last refusal for the student. Each event returns what the
 * replica must do (connect, drop the socket, tell its listeners); DocReplica does it.
 *
 * Invariants:
 * - "The browser says offline" is an input, not a state: it may arrive while loading and
 *   decides whether loading ends in `syncing` or `offline`.
 * - A denial (4403, or her removal seen on another socket) is final: no socket opens again
 *   and the device copy stays readable. Read-only refusals (locked, read-only role) only stop
 *   writing and are lifted when the relay says she may write again.
 * - A relay refusal the student must hear about (`relayError`) puts a syncing replica in
 *   `unavailable`; the next relay sync or a new token clears it.
 */
import { type AccessRefusal, accessRefusalFromClose, isReadOnlyRefusal } from "./access-refusal.ts";
import { refusalRepeats } from "./relay-close-backoff.ts";
import { accessRefusalMessage, relayCloseMessage } from "./relay-close-messages.ts";
import { ReplicaLifecycle, type ReplicaState } from "./ReplicaLifecycle.ts";

export class ReplicaMachine {
  private readonly lifecycle = new ReplicaLifecycle();
  /** The browser's last word on the network (may come before loading ends). */
  browserOffline = false;
  /** Why the relay refused this replica, worded for the student (null: no refusal). */
  relayError: string | null = null;
  private refused: AccessRefusal | null = null;

  get state(): ReplicaState {
    return this.lifecycle.state;
  }

  /** True when the replica is in one of `states`. */
  is(...states: ReplicaState[]): boolean {
    return this.lifecycle.is(...states);
  }

  /** What the class rules refused this member here, or null. */
  refusal(): AccessRefusal | null {
    return this.refused;
  }

  /** `start()`: idle → loading; false when it had started (or was destroyed) already. */
  start(): boolean {
    if (!this.is("idle")) return false;
    this.lifecycle.to("loading");
    return true;
  }

  /** The device copy is applied: a refused replica is only read, else it syncs unless offline. */
  loaded(): void {
    this.lifecycle.to(this.denied() ? "denied" : this.browserOffline ? "offline" : "syncing");
  }

  /** Records a denial; false when destroyed or denied already (nothing to do). */
  deny(refusal: AccessRefusal): boolean {
    if (this.is("destroyed") || this.denied()) return false;
    this.refused = refusal;
    this.relayError = accessRefusalMessage(refusal);
    if (this.lifecycle.canMove("denied") && this.lifecycle.loaded) this.lifecycle.to("denied");
    return true;
  }

  /** She may only read here; false when nothing changed. */
  markReadOnly(kind: "locked" | "read-only-role"): boolean {
    if (this.denied() || this.refused?.kind === kind) return false;
    this.refused = { kind };
    return true;
  }

  /** She may write here again; false when nothing changed. */
  allowWriting(): boolean {
    if (!isReadOnlyRefusal(this.refused)) return false;
    this.refused = null;
    return true;
  }

  /** A new token: true when the replica must connect again (a refusal may not hold for it). */
  tokenChanged(): boolean {
    if (this.relayError === null || !this.is("syncing", "unavailable")) return false;
    this.relayError = null;
    if (this.is("unavailable")) this.lifecycle.to("syncing");
    return true;
  }

  /** The browser is online: true when the socket is wanted (reconnect it unless connected). */
  online(): boolean {
    this.browserOffline = false;
    if (this.is("offline")) this.lifecycle.to("syncing");
    return this.is("syncing", "unavailable");
  }

  /** The browser is offline: true when the socket must be dropped. */
  offline(): boolean {
    this.browserOffline = true;
    if (this.is("syncing", "unavailable")) this.lifecycle.to("offline");
    return !this.is("destroyed");
  }

  /** The relay synced the doc: its earlier refusal no longer holds. */
  synced(): void {
    this.relayError = null;
    if (this.is("unavailable")) this.lifecycle.to("syncing");
  }

  /**
   * The relay (or the network) closed the socket. Returns what to do: `deny` — drop the socket
   * for good (the relay would refuse every reconnect; 4403 is permanent); `longestBackoff` —
   * reconnecting soon would only be refused again.
   */
  closed(event: CloseEvent | null): { deny: AccessRefusal | null; longestBackoff: boolean } {
    const refusal = event ? accessRefusalFromClose(event.code, event.reason) : null;
    if (refusal !== null && !isReadOnlyRefusal(refusal)) return { deny: refusal, longestBackoff: false };
    if (refusal !== null) this.markReadOnly(refusal.kind as "locked" | "read-only-role");
    const message = event ? relayCloseMessage(event.code) : null;
    if (message !== null) {
      this.relayError = message;
      if (this.is("syncing")) this.lifecycle.to("unavailable");
    }
    return { deny: null, longestBackoff: event !== null && refusalRepeats(event.code) };
  }

  /** `close()`: false when destroyed already. */
  destroy(): boolean {
    if (this.is("destroyed")) return false;
    this.lifecycle.to("destroyed");
    return true;
  }

  private denied(): boolean {
    return this.refused?.kind === "removed" || this.refused?.kind === "no-access";
  }
}
