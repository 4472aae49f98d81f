/**
 * @module unknown-clocks
 * Updates that reach beyond the clocks the relay knows. Yjs keeps such structs or delete
 * ranges pending and applies them when the missing clocks arrive — i.e. to the author's
 * *future* typing, which the relay then drops as "already known" while acknowledging it
 * (security review S2; FINDINGS.md F2 and S2). The caller holds such an update until the
 * relay knows those clocks (another tab's socket may lag behind BroadcastChannel) and refuses
 * it if they do not arrive within HELD_UPDATE_GRACE_MS.
 *
 * An honest client only sends structs that continue a client's clocks and deletes items it
 * holds — but not always in an order the relay can follow: a stock y-websocket client sends
 * live updates as soon as its socket opens and its sync step 2 (what the relay lacks, which
 * those updates may build on) only after the relay's step 1. Before a socket's step 2 the
 * caller therefore holds such an update without blocking the socket's later messages.
 */
import * as Y from "yjs";
import type { RoomPort } from "./room-port.ts";
import type { ClockEnds } from "./update-check.ts";

export interface ClockRanges {
  structStarts: ClockEnds;
  structEnds: ClockEnds;
  deleteEnds: ClockEnds;
}

/** Describes the first reach beyond known clocks in `ranges` (null if none). */
/** The room as these checks see it: only its doc. */
type Room = Pick<RoomPort, "doc">;

export function unknownClocks(room: Room, ranges: ClockRanges): string | null {
  return futureStructs(room, ranges.structStarts) ?? futureDelete(room, ranges.structEnds, ranges.deleteEnds);
}

/**
 * Structs that start beyond the end of what the relay holds for their client, counting its
 * pending structs (those wait for other clients' items and are not acknowledged either).
 */
function futureStructs(room: Room, structStarts: ClockEnds): string | null {
  if (structStarts.length === 0) return null;
  let pendingEnds: Map<number, number> | null = null;
  for (const [client, start] of structStarts) {
    const known = Y.getState(room.doc.store, client);
    if (start <= known) continue;
    pendingEnds ??= pendingStructEnds(room);
    const limit = Math.max(known, pendingEnds.get(client) ?? 0);
    if (start > limit) return `update skips clocks nobody has written (client ${client}, clocks ${limit}–${start})`;
  }
  return null;
}

/**
 * A deletion of clocks nobody has written yet. An honest client only deletes items it holds:
 * it got them from this relay (in the doc or pending here), wrote them itself (same update or
 * earlier on this ordered socket), or got them from another tab whose socket has not
 * delivered them yet (FINDINGS.md F2).
 */
function futureDelete(room: Room, structEnds: ClockEnds, deleteEnds: ClockEnds): string | null {
  if (deleteEnds.length === 0) return null;
  const known = Y.decodeStateVector(Y.encodeStateVector(room.doc));
  const inUpdate = new Map(structEnds);
  const pendingEnds = pendingStructEnds(room);
  for (const [client, end] of deleteEnds) {
    const limit = Math.max(known.get(client) ?? 0, inUpdate.get(client) ?? 0, pendingEnds.get(client) ?? 0);
    if (end > limit) return `update deletes content that does not exist (client ${client}, clocks ${limit}–${end})`;
  }
  return null;
}

function pendingStructEnds(room: Room): Map<number, number> {
  const pending = room.doc.store.pendingStructs;
  return pending ? Y.parseUpdateMeta(pending.update).to : new Map<number, number>();
}
