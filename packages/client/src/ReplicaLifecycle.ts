/**
 * @module ReplicaLifecycle
 * Where a {@link DocReplica} is in its life, as one state with explicit transitions (it was
 * eight booleans whose combinations nobody could list).
 *
 * ```
 * idle → loading → syncing ⇄ offline          (offline: the browser reported no network)
 *          │          ↓     ↖
 *          │       unavailable → offline
 *          └──────────────────→ offline        (no network while the device copy loaded)
 * loading, syncing, offline, unavailable → denied  (the relay refused access: 4403)
 * every state but destroyed → destroyed         (close())
 * ```
 * - idle: constructed; the doc stays empty until the editor's binding (or background sync)
 *   calls `start()` — nothing may sync an empty doc (the "empty doc" trap).
 * - loading: the device copy (IndexedDB) is being read; no socket yet.
 * - syncing: the device copy is applied and the socket is wanted (connecting, connected or
 *   retrying after a dropped connection).
 * - offline: the browser said it has no network; the socket is dropped until `reconnectNow()`.
 * - unavailable: the relay refused this replica with a close code a student must hear about
 *   (token refused, quota, doc unavailable…); left on the next relay sync or a new token.
 * - denied: the relay said this member may not read the document (4403: removed from the
 *   class, or the document is in a group she is not in; issue 13). No socket is opened again
 *   for it — reconnecting would only be refused again (a reconnect storm across a class's
 *   documents) — until the page is reloaded. The device copy stays loaded and readable.
 * - destroyed: `close()` ran; terminal.
 *
 * Whether the browser reports no network is an input, not a state: it can arrive while idle
 * or loading, and decides where loading ends.
 */

export type ReplicaState = "idle" | "loading" | "syncing" | "offline" | "unavailable" | "denied" | "destroyed";

/** Every allowed transition; anything else is a bug and throws. */
export const REPLICA_TRANSITIONS: { readonly [S in ReplicaState]: readonly ReplicaState[] } = {
  idle: ["loading", "destroyed"],
  loading: ["syncing", "offline", "denied", "destroyed"],
  syncing: ["offline", "unavailable", "denied", "destroyed"],
  offline: ["syncing", "denied", "destroyed"],
  unavailable: ["syncing", "offline", "denied", "destroyed"],
  denied: ["destroyed"],
  destroyed: [],
};

export class ReplicaLifecycle {
  private current: ReplicaState = "idle";

  get state(): ReplicaState {
    return this.current;
  }

  /** True when the replica is in one of `states`. */
  is(...states: ReplicaState[]): boolean {
    return states.includes(this.current);
  }

  /** The device copy is applied and the replica is not destroyed. */
  get loaded(): boolean {
    return this.is("syncing", "offline", "unavailable", "denied");
  }

  canMove(next: ReplicaState): boolean {
    return REPLICA_TRANSITIONS[this.current].includes(next);
  }

  /** Moves to `next`; throws on a transition the table does not allow (a bug, never input). */
  to(next: ReplicaState): void {
    if (!this.canMove(next)) throw new Error(`DocReplica: no transition ${this.current} → ${next}`);
    this.current = next;
  }
}
