/**
 * @module RoomBusLink
 * Connects one room to the room bus (@quire/bus): publishes what the room committed and its
 * sockets' presence changes, and applies what other nodes published for the doc.
 *
 * Invariants:
 * - An update is published only after it is on disk (the room calls `publishUpdate` from its
 *   commit callback): persist-before-broadcast holds across nodes.
 * - An update from another node is applied to the live doc and relayed to this room's sockets
 *   but never stored here: the publishing node stored it. It is not published again (the bus
 *   never hands a node its own messages, and bus-origin changes are not re-published).
 * - Messages that arrive while the doc is loading are held and applied, in order, once it is
 *   ready: an update committed elsewhere after our load read the rows is not lost. The hold is
 *   bounded in time by the load's own deadline (the room fails and closes the link).
 * - A message that fails to apply is logged and dropped; it never throws into the bus.
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { BusMessage, RoomBus } from "@quire/bus";
import { log } from "../log.ts";
import type { RoomPort } from "./room-port.ts";
import { encodeSyncUpdate } from "./wire.ts";

/** The transaction origin of changes that came over the bus. */
export const BUS_ORIGIN = Symbol("room-bus");

/** What the link needs of its room. */
export interface BusLinkedRoom extends Pick<RoomPort, "name" | "state" | "doc" | "awareness"> {
  /** Sends to every ready socket of the room except `origin` (null: all). */
  broadcast(message: Uint8Array, origin: unknown): void;
  /** An update from another node was applied (re-check what waits for the doc to change). */
  remoteApplied(): void;
}

export class RoomBusLink {
  /** Messages held until the doc is ready (null once it is). */
  private held: BusMessage[] | null = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly room: BusLinkedRoom,
    private readonly bus: RoomBus,
  ) {
    this.unsubscribe = bus.subscribe(room.name, (message) => this.receive(message));
  }

  /** The doc is loaded: apply what arrived meanwhile, then everything as it comes. */
  ready(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const message of held) this.apply(message);
  }

  /** A committed (stored) update of this room. */
  publishUpdate(update: Uint8Array): void {
    this.bus.publish(this.room.name, "update", update);
  }

  /** Presence of `clients` changed by `origin`; only this node's own changes are published. */
  publishAwareness(clients: number[], origin: unknown): void {
    // Bus-origin changes came from another node; "timeout" removals happen on every node by
    // itself (y-protocols' outdated check), so publishing them would race the owner's renewal.
    if (origin === BUS_ORIGIN || origin === "timeout" || clients.length === 0) return;
    this.bus.publish(this.room.name, "awareness", awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients));
  }

  close(): void {
    this.held = null;
    this.unsubscribe();
  }

  private receive(message: BusMessage): void {
    if (this.held) this.held.push(message);
    else this.apply(message);
  }

  private apply(message: BusMessage): void {
    if (this.room.state !== "ready") return;
    try {
      if (message.kind === "update") {
        Y.applyUpdate(this.room.doc, message.data, BUS_ORIGIN);
        this.room.broadcast(encodeSyncUpdate(message.data), null);
        this.room.remoteApplied();
      } else {
        // The room's awareness listener relays it to this room's sockets.
        awarenessProtocol.applyAwarenessUpdate(this.room.awareness, message.data, BUS_ORIGIN);
      }
    } catch (error) {
      log.error("room bus message could not be applied", { doc: this.room.name, from: message.node, kind: message.kind, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
