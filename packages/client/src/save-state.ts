/**
 * @module save-state
 * A replica's honest save state ({@link SaveState}) from the facts DocReplica holds: whether the
 * device copy is loaded, its error, the connection, the unconfirmed changes and the relay's
 * last refusal. Returns `previous` itself while nothing changed, as useSyncExternalStore needs.
 */
import type { ConnectionState, SaveState } from "./doc-handle.ts";

export interface SaveStateFacts {
  /** The device copy (IndexedDB) has been applied. */
  loaded: boolean;
  /** The device store's error for the student, if any. */
  deviceError: string | null;
  connection: ConnectionState;
  pendingChanges: number;
  /** The message of the relay's last refusal, if any. */
  relayError: string | null;
}

export function deriveSaveState(facts: SaveStateFacts, previous: SaveState | null): SaveState {
  const { loaded, connection, pendingChanges } = facts;
  const device: SaveState["device"] = !loaded ? "loading" : facts.deviceError ? "error" : "saved";
  // "saved" only while connected: offline, the UI says "offline" (and how many changes wait).
  const relay: SaveState["relay"] = !loaded
    ? "connecting"
    : connection !== "online"
      ? connection
      : pendingChanges === 0
        ? "saved"
        : "pending";
  const error = facts.deviceError ?? facts.relayError ?? undefined;
  if (
    previous &&
    previous.device === device &&
    previous.relay === relay &&
    previous.pendingChanges === pendingChanges &&
    previous.error === error
  ) {
    return previous;
  }
  return { device, relay, pendingChanges, ...(error === undefined ? {} : { error }) };
}
