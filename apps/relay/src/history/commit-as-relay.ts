/**
 * @module commit-as-relay
 * Commits a change the relay computed for a person (a restore, a member revert) through the
 * room exactly as a socket's update goes: applied, staged with its provenance (the person's
 * token), written, and only then broadcast to every connected client and on the bus.
 * Resolves once it is on disk; rejects if the room refused it or the write failed.
 */
import type { TokenClaims } from "@quire/core";
import type { RoomPort, UpdateOrigin } from "../sync/room-port.ts";
import type { AuthoredContent } from "../sync/update-provenance.ts";

export class RelayCommitError extends Error {}

/** Resolves once everything applied to `room` so far is on disk (a no-op when nothing is staged). */
export function settled(room: Pick<RoomPort, "afterCommit">): Promise<void> {
  return new Promise((resolve) => room.afterCommit(resolve));
}

export function commitAsRelay(
  room: Pick<RoomPort, "commit" | "afterCommit" | "state">,
  claims: TokenClaims,
  update: Uint8Array,
  authored: AuthoredContent,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (room.state !== "ready") {
      reject(new RelayCommitError("the document was unloaded; try again"));
      return;
    }
    // The room closes an origin whose update it refused or could not write (quota, disk).
    const origin: UpdateOrigin = {
      id: 0,
      claims,
      ackSubscribed: false,
      send: () => {},
      close: (_code: number, reason: string) => reject(new RelayCommitError(reason)),
    };
    if (room.commit(update, origin, authored)) room.afterCommit(resolve);
  });
}
