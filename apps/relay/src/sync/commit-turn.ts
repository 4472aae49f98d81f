/**
 * @module commit-turn
 * What one event-loop turn's staged updates owe clients once their group commit is on disk:
 * the broadcasts, the acks, the deferred sync step 2 replies. DocumentRoom stages updates into
 * the open turn and hands it to `deliver` when the commit succeeds (or drops it when it fails).
 *
 * Invariants (docs/architecture.md, "persist before broadcast"):
 * - Nothing in a turn reaches a client before the turn's commit: an ack or a reply asked for
 *   while a turn is open waits for it; with no turn open it goes out now (everything applied
 *   is already on disk).
 * - Delivery order is broadcasts, then replies, then acks — the order the messages arrived.
 */
import type { UpdateProvenance } from "@quire/storage";
import { encodeAck } from "@quire/core";
import * as Y from "yjs";
import { log } from "../log.ts";
import type { Connection } from "./Connection.ts";
import type { UpdateOrigin } from "./room-port.ts";
import { SharedMessage } from "./SharedMessage.ts";
import { type UpdateStages, stageTrace } from "./stage-trace.ts";
import { encodeSyncUpdate } from "./wire.ts";

/** Updates applied in this event-loop turn, waiting for their group commit. */
export interface Turn {
  /** Applied updates to broadcast (each to everyone but its origin). */
  outbox: { update: Uint8Array; origin: unknown; provenance: UpdateProvenance; trace: UpdateStages | null }[];
  /** Sockets owed one ack. */
  acks: Set<UpdateOrigin>;
  /** Senders whose updates are staged: told if the write fails. */
  origins: Set<UpdateOrigin>;
  /** A connection's catch-up (offline work) is among them: checkpoint once it is written. */
  catchUp: boolean;
  /** Sends that read the doc's content (sync step 2 replies). */
  afterCommit: (() => void)[];
  rows: number;
}

/** The room's open turn, if any. */
export class CommitTurns {
  private turn: Turn | null = null;

  constructor(
    private readonly docName: string,
    private readonly doc: Y.Doc,
  ) {}

  /** The open turn (opened now if none is). */
  open(): Turn {
    this.turn ??= { outbox: [], acks: new Set(), origins: new Set(), afterCommit: [], rows: 0, catchUp: false };
    return this.turn;
  }

  /** The open turn, now closed (its commit finished one way or the other). */
  take(): Turn | null {
    const turn = this.turn;
    this.turn = null;
    return turn;
  }

  /** Sends `connection` an ack once everything applied so far is on disk. */
  ackAfterCommit(connection: UpdateOrigin): void {
    if (this.turn) this.turn.acks.add(connection);
    else connection.send(encodeAck(Y.encodeStateVector(this.doc)));
  }

  /** Runs `send` once everything applied so far is on disk. */
  afterCommit(send: () => void): void {
    if (this.turn) this.turn.afterCommit.push(send);
    else send();
  }

  /**
   * Delivers a committed turn to `connections` (corked: one socket write each): every update
   * to all but its origin, then the deferred replies, then one ack per socket that asked.
   */
  deliver(turn: Turn, connections: readonly Connection[], broadcast: (message: SharedMessage, origin: unknown) => void): void {
    const committed = stageTrace ? performance.now() : 0;
    for (const connection of connections) connection.cork();
    try {
      for (const { update, origin } of turn.outbox) broadcast(new SharedMessage(encodeSyncUpdate(update)), origin);
      // Replies before acks, as the messages arrived (sync step 1 before ack-subscribe): a
      // client counts an ack that comes after its sync as confirming the deletes it sent in
      // it; an ack before the step 2 reply left those deletes "not saved" until the next write.
      for (const send of turn.afterCommit) this.runSend(send);
      if (turn.acks.size > 0) {
        const ack = encodeAck(Y.encodeStateVector(this.doc));
        for (const connection of turn.acks) connection.send(ack);
      }
    } finally {
      for (const connection of connections) connection.uncork();
    }
    stageTrace?.delivered(
      turn.outbox.map((entry) => entry.trace),
      committed,
      connections.length - 1,
    );
  }

  /**
   * A deferred send runs from the commit, outside any message handler: if it throws (it
   * should not: its input was checked when the message arrived), log it rather than let it
   * end the relay process.
   */
  private runSend(send: () => void): void {
    try {
      send();
    } catch (error) {
      log.error("deferred send failed", { doc: this.docName, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
