/**
 * @module RoomBus
 * The port through which relay nodes that serve the same documents tell each other what their
 * rooms committed (issue 11, item 2). A node publishes each update only after it is on disk
 * (persist-before-broadcast), so a node that receives it applies and relays it without storing
 * it again: the publishing node stored it.
 *
 * Contract every implementation keeps (checked by `runRoomBusSuite` in @quire/testkit):
 * - A node never receives its own messages (messages carry the publishing node's id).
 * - Messages from one publisher for one doc arrive in the order they were published.
 * - A handler receives only the doc it subscribed to; after `unsubscribe` it receives nothing.
 * - Delivery is asynchronous: `publish` never runs a handler inside the caller's stack, so a
 *   room publishing from its commit callback cannot be re-entered by another room.
 * - Payloads are read-only for receivers (the in-process bus hands every node the same bytes).
 */

/** What a room publishes: a committed Yjs update, or an awareness update (y-protocols encoding). */
export type BusMessageKind = "update" | "awareness";

export interface BusMessage {
  /** The publishing node's id (`RoomBus.nodeId`). */
  readonly node: string;
  readonly kind: BusMessageKind;
  /** A Yjs update (kind "update") or an awareness update body (kind "awareness"). */
  readonly data: Uint8Array;
}

export type BusHandler = (message: BusMessage) => void;

/** One node's view of the bus. */
export interface RoomBus {
  /** This node's id; every message it publishes carries it. */
  readonly nodeId: string;
  /** Sends `kind`/`data` for `doc` to every other node subscribed to `doc`. */
  publish(doc: string, kind: BusMessageKind, data: Uint8Array): void;
  /** Receives other nodes' messages for `doc` until the returned function is called. */
  subscribe(doc: string, handler: BusHandler): () => void;
}
