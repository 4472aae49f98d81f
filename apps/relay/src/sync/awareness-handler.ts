/**
 * @module awareness-handler
 * Presence (y-protocols awareness) from one socket, checked before it is applied and relayed.
 *
 * Invariants:
 * - Each state is at most MAX_AWARENESS_STATE_BYTES of JSON; anything else closes the socket
 *   (4400) before any entry of the message is applied.
 * - A socket speaks only for client ids no other socket in the room controls; it takes control
 *   of an id when it first sets a live state for it. Entries for ids another socket controls
 *   are dropped, not fatal: stock y-websocket providers re-broadcast every awareness change
 *   they receive, so an honest client echoes ids it does not own.
 * - A socket controls at most MAX_AWARENESS_IDS_PER_SOCKET ids over its life (4400 beyond):
 *   one socket claimed 7,200 states of 64 KiB, each relayed to every client (S4).
 * - What is relayed carries only `#rrggbb` colours and the token's name (presence-state.ts).
 * - Query-awareness answers coalesce while an earlier answer to this socket is unsent.
 * - A share link's socket gets every state anonymous (`{}`) and its own presence is ignored.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { RelayLimits } from "../config.ts";
import { claimPresenceId } from "./client-id-binding.ts";
import type { Connection } from "./Connection.ts";
import { safePresenceState } from "./presence-state.ts";
import type { RoomPort } from "./room-port.ts";
import { encodeAwarenessFor } from "./wire.ts";

/** An awareness message the relay refuses; the caller closes the socket with 4400 and this text. */
export class AwarenessError extends Error {}

/** The room as presence sees it. */
type Room = Pick<RoomPort, "name" | "doc" | "awareness" | "connections">;

interface Entry {
  clientId: number;
  clock: number;
  state: string;
}

/** Applies the awareness update `update` from `connection` (throws AwarenessError to refuse). */
export function handleAwareness(
  room: Room,
  connection: Connection,
  update: Uint8Array,
  limits: Pick<RelayLimits, "maxAwarenessStateBytes" | "maxAwarenessIdsPerSocket">,
): void {
  // A share link reads; it is not in the document with the class (its label would show as a
  // caret's name to the students).
  if (connection.anonymousPresence) return;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Entry[] = [];
  /** The states as received, to tell whether the update can be relayed as it came. */
  const states: string[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    states.push(state);
    if (Buffer.byteLength(state) > limits.maxAwarenessStateBytes) {
      throw new AwarenessError(`awareness state larger than ${limits.maxAwarenessStateBytes} bytes`);
    }
    // Parsed (and rejected if not JSON) before anything is applied: applyAwarenessUpdate
    // would throw midway.
    const safe = safePresenceState(state, connection.claims.name, connection.claims.sub);
    if (controlledByOther(room, connection, clientId)) continue;
    kept.push({ clientId, clock, state: safe });
  }
  if (kept.length === 0) return;
  const claims = kept.filter((entry) => entry.state !== "null" && entry.clock > (room.awareness.meta.get(entry.clientId)?.clock ?? 0));
  const ids = new Set([...connection.awarenessIds, ...claims.map((entry) => entry.clientId)]);
  if (ids.size > limits.maxAwarenessIdsPerSocket) {
    throw new AwarenessError(`too many presence ids from one socket (limit ${limits.maxAwarenessIdsPerSocket})`);
  }
  const unchanged = kept.length === count && kept.every((entry, i) => entry.state === states[i]);
  awarenessProtocol.applyAwarenessUpdate(room.awareness, unchanged ? update : encodeEntries(kept), connection);
  for (const entry of claims) {
    connection.awarenessIds.add(entry.clientId);
    claimPresenceId(room, connection, entry.clientId);
  }
}

/** Answers query-awareness with every state (once while an earlier answer is still unsent). */
export function answerAwarenessQuery(room: Pick<RoomPort, "awareness">, connection: Connection): void {
  const clients = [...room.awareness.getStates().keys()];
  if (clients.length > 0) connection.sendReply("query-awareness", () => encodeAwarenessFor(connection, room.awareness, clients));
}

function controlledByOther(room: Pick<RoomPort, "connections">, connection: Connection, clientId: number): boolean {
  for (const other of room.connections) {
    if (other !== connection && other.awarenessIds.has(clientId)) return true;
  }
  return false;
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
