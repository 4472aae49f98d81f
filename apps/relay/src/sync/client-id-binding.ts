/**
 * @module client-id-binding
 * Binds each Yjs client id of a doc to the user (token `sub`) who first wrote under it, and
 * keeps other users from adding structs under it (security review S2: an editor who wrote at
 * Alice's next clocks had the relay drop Alice's own text as "already known", acknowledge it,
 * and store the forgery as hers).
 *
 * Invariants:
 * - Only structs new to the relay count (clocks past its state vector for that client):
 *   structs it already holds are dropped by the commit anyway, so echoing them is harmless.
 * - New structs under an id bound to another user are never applied. In a sync *update*
 *   (what a client sends for its own transactions) they refuse the whole message with 4409.
 *   In a sync *step 2* (the answer to the relay's step 1: everything the sender holds that the
 *   relay lacks) they are left out and the rest is applied: after a data restore, or on a
 *   shared computer whose device copy holds another member's unsynced work, an honest client
 *   legitimately carries other users' structs; their owner brings them when they reconnect.
 * - An unbound id is bound (persistently, see ClientIdStore) before the update is staged —
 *   in a sync step 2 only when the sender's socket speaks for it in presence. Other unbound
 *   ids in a step 2 are work the sender carries for someone else (a `.quire` sync file loaded
 *   on a classmate's device, issue 14): they are stored and stay unbound, so their author's
 *   own next update binds them. Binding them to the carrier refused the author's later typing
 *   under that id (4409) and so never saved it (e2e/sync-file.test.ts). A client's own
 *   offline work also arrives in its step 2: its live id is in its presence, and ids of its
 *   closed editors are never written again.
 * - An editor's live presence id is claimed for that editor in memory (claimPresenceId) until
 *   its socket closes: a client publishes presence under its doc's client id on connect,
 *   before its first edit, and that is where another member could learn a new id and write
 *   under it first (the owner would then be refused). Only the first write persists a binding.
 */
import * as Y from "yjs";
import { type ClockRange, CloseCode } from "@quire/core";
import { log } from "../log.ts";
import type { ClientIdStore } from "@quire/storage-sqlite";
import type { Connection } from "./Connection.ts";
import { UpdateRefusal } from "./IntegrationGuard.ts";
import type { RoomPort } from "./room-port.ts";
import type { ClockEnds } from "./update-check.ts";

/** The parts of an update check this module reads and, when it leaves structs out, rewrites. */
export interface AuthoredRanges {
  structStarts: ClockEnds;
  structEnds: ClockEnds;
  deleteEnds: ClockEnds;
  structRanges: ClockRange[];
}

/** The room as the bindings see it (also the key of their per-room maps). */
type Room = Pick<RoomPort, "name" | "doc" | "connections">;

/** Per loaded room: its bindings, read from storage on first use (a reload reads them again). */
const ownersByRoom = new WeakMap<Room, Map<number, string>>();
/** Per loaded room: unbound ids an open editor socket publishes presence under. */
const presenceClaims = new WeakMap<Room, Map<number, Connection>>();

/**
 * Reserves `clientId` for `connection`'s user while the socket is open, if it is unbound and
 * not reserved by another open socket. Viewers never write, so their presence reserves nothing.
 */
export function claimPresenceId(room: Room, connection: Connection, clientId: number): void {
  if (connection.role !== "editor" || ownersByRoom.get(room)?.has(clientId)) return;
  let claims = presenceClaims.get(room);
  if (!claims) {
    claims = new Map();
    presenceClaims.set(room, claims);
  }
  const current = claims.get(clientId);
  if (current && !current.closed) return;
  claims.set(clientId, connection);
  // Closed sockets' reservations go once they outnumber the open ones (≤ 4 ids per socket).
  if (claims.size > 8 * room.connections.size + 64) {
    for (const [id, holder] of claims) if (holder.closed) claims.delete(id);
  }
}

/** The user an open socket reserved `client` for through presence, if any. */
function presenceOwner(room: Room, client: number): string | undefined {
  const holder = presenceClaims.get(room)?.get(client);
  return holder && !holder.closed ? holder.claims.sub : undefined;
}

/**
 * Checks who may write each client id in `update` and binds unbound ones to the sender.
 * Returns the update to apply (the same bytes unless a sync step 2's foreign structs were
 * left out) with its ranges; throws UpdateRefusal (4409) for another user's id in an update.
 */
export function claimClientIds<R extends AuthoredRanges>(
  room: Room,
  connection: Connection,
  update: Uint8Array,
  ranges: R,
  isSyncStep2: boolean,
  store: ClientIdStore,
): { update: Uint8Array; ranges: R } {
  const sub = connection.claims.sub;
  let owners = ownersByRoom.get(room);
  if (!owners) {
    owners = store.owners(room.name);
    ownersByRoom.set(room, owners);
  }
  const foreign: number[] = [];
  for (const [client, end] of ranges.structEnds) {
    if (end <= Y.getState(room.doc.store, client)) continue;
    let owner = owners.get(client);
    if (owner === undefined) {
      const reserved = presenceOwner(room, client);
      if (reserved !== undefined && reserved !== sub) {
        foreign.push(client);
        continue;
      }
      if (isSyncStep2 && reserved !== sub) continue; // Carried work: stored, left unbound (see invariants).
      owner = store.bind(room.name, client, sub);
      owners.set(client, owner);
    }
    if (owner !== sub) foreign.push(client);
  }
  if (foreign.length === 0) return { update, ranges };
  if (!isSyncStep2) {
    throw new UpdateRefusal(
      CloseCode.ClientIdTaken,
      `client id ${foreign[0]} belongs to another user: an update may only add to your own client ids`,
    );
  }
  log.info("sync step 2 carried other users' structs the relay lacks; left out", { doc: room.name, conn: connection.id, clients: foreign.length });
  return leaveOutClients(update, ranges, foreign);
}

/** `update` without any struct of `clients` (its delete set kept), and its ranges to match. */
export function leaveOutClients<R extends AuthoredRanges>(update: Uint8Array, ranges: R, clients: readonly number[]): { update: Uint8Array; ranges: R } {
  const left = new Set(clients);
  const keep = ([client]: [number, number]) => !left.has(client);
  return {
    // diffUpdate keeps only clocks at or past the given state vector: past every real clock.
    update: Y.diffUpdate(update, Y.encodeStateVector(new Map(clients.map((client) => [client, Number.MAX_SAFE_INTEGER])))),
    ranges: {
      ...ranges,
      structStarts: ranges.structStarts.filter(keep),
      structEnds: ranges.structEnds.filter(keep),
      structRanges: ranges.structRanges.filter((range) => !left.has(range.client)),
    },
  };
}
