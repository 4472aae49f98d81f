/**
 * @module presence-broadcast
 * Presence changes to a room's readers: each ready connection but the origin gets them, a share
 * link's without names (wire.ts encodeAnonymousAwareness, docs/privacy.md). Each form is encoded
 * at most once per change, and only if some reader needs it.
 */
import type * as awarenessProtocol from "y-protocols/awareness";
import type { Connection } from "./Connection.ts";
import { encodeAnonymousAwareness, encodeAwareness } from "./wire.ts";

export function broadcastPresence(connections: Iterable<Connection>, awareness: awarenessProtocol.Awareness, clients: number[], origin: unknown): void {
  let named: Uint8Array | undefined;
  let anonymous: Uint8Array | undefined;
  for (const connection of connections) {
    if (connection === origin || !connection.ready) continue;
    if (connection.anonymousPresence) {
      anonymous = anonymous ?? encodeAnonymousAwareness(awareness, clients);
      connection.send(anonymous);
    } else {
      named = named ?? encodeAwareness(awareness, clients);
      connection.send(named);
    }
  }
}
