/**
 * @module room-port
 * The narrow view of a loaded room that the message handler and its helpers (awareness,
 * client-id binding, unknown clocks, integration guard) work through, instead of the
 * DocumentRoom class (issue 11, item 2). DocumentRoom owns the handler and calls it; if the
 * handler imported DocumentRoom back, the two could never be understood, tested or changed
 * apart, and `pnpm lint`'s no-circular rule refuses that cycle (type-only imports count).
 *
 * DocumentRoom satisfies this interface structurally. Each helper takes only the members it
 * uses (`Pick<RoomPort, …>`), so what a helper may touch is visible in its signature.
 *
 * Invariants the implementation keeps (see DocumentRoom):
 * - `commit` applies an update and stages it; it is broadcast and acknowledged only once on disk.
 * - `afterCommit` and `ackAfterCommit` run/send only after everything applied so far is on disk.
 * - `whenTrue` resolves false once the room is no longer ready.
 */
import type * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { Connection } from "./Connection.ts";
import type { AuthoredContent } from "./update-provenance.ts";

/**
 * Who an applied update came from: a socket, or the relay itself acting for a person (a
 * history restore, apps/relay/src/history). The room reads the token claims for provenance,
 * closes it if its write fails, and acknowledges it if it subscribed.
 */
export type UpdateOrigin = Pick<Connection, "id" | "claims" | "ackSubscribed" | "close" | "send">;

/** A room's life: it serves messages only while "ready". */
export type RoomState = "loading" | "ready" | "failed" | "unloaded";

export interface RoomPort {
  /** The doc name (logs, storage keys). */
  readonly name: string;
  readonly state: RoomState;
  /** The live doc. Read it; change it only through `commit`. */
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** The sockets in the room (presence ownership is checked across them). */
  readonly connections: ReadonlySet<Connection>;
  /**
   * Applies `update` from `origin` and stages it, with its provenance (`authored`: the
   * update check's ranges), for the turn's group commit. Returns false when it was refused
   * (the room closed the socket itself).
   */
  commit(update: Uint8Array, origin: UpdateOrigin, authored: AuthoredContent): boolean;
  /** Sends `connection` an ack once everything applied so far is on disk. */
  ackAfterCommit(connection: Connection): void;
  /** Runs `send` once everything applied so far is on disk (replies that read the doc). */
  afterCommit(send: () => void): void;
  /** Resolves true once `condition` holds (re-checked after each commit), false after `timeoutMs`. */
  whenTrue(condition: () => boolean, timeoutMs: number): Promise<boolean>;
}
