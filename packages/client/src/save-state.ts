/**
 * @module save-state
 * A replica's honest save state ({@link SaveState}) from the facts DocReplica holds: whether the
 * device copy is loaded, its error, the connection, the unconfirmed changes, the relay's
 * last refusal, whether she may only read, and on a classroom hub what its upstream holds. Returns `previous` itself while nothing changed, as useSyncExternalStore needs.
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
  /** She may only read here (a lock, a read-only role, removed): nothing local will be sent. */
  readOnly: boolean;
  /** On a classroom hub, whether the school server holds every local change; null elsewhere. */
  upstream: "saved" | "pending" | null;
}

export function deriveSaveState(facts: SaveStateFacts, previous: SaveState | null): SaveState {
  const { loaded, connection, pendingChanges } = facts;
  const device: SaveState["device"] = !loaded ? "loading" : facts.deviceError ? "error" : "saved";
  // "saved" only while connected: offline, the UI says "offline" (and how many changes wait).
  const relay: SaveState["relay"] = !loaded
    ? "connecting"
    : facts.readOnly && pendingChanges > 0
      ? "kept"
      : connection !== "online"
      ? connection
      : pendingChanges === 0
        ? "saved"
        : "pending";
  const upstream = facts.upstream ?? undefined;
  const error = facts.deviceError ?? facts.relayError ?? undefined;
  if (
    previous &&
    previous.device === device &&
    previous.relay === relay &&
    previous.pendingChanges === pendingChanges &&
    previous.upstream === upstream &&
    previous.error === error
  ) {
    return previous;
  }
  return { device, relay, pendingChanges, ...(upstream === undefined ? {} : { upstream }), ...(error === undefined ? {} : { error }) };
}
