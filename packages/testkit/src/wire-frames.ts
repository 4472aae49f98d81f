/**
 * @module wire-frames
 * The one place tests build y-websocket protocol frames by hand: sync step 1/2, update,
 * awareness, query-awareness and Quire's ack subscribe, plus the few readers tests need.
 * Hostile-frame tests build their deliberately broken bytes from these same pieces (a valid
 * envelope around a bad payload, or `frame()` with arbitrary parts), so there is one encoder
 * to read when the protocol changes. docs/protocol.md describes the frames.
 *
 * @example
 * socket.send(syncStep1Frame(doc));
 * socket.send(updateFrame(Y.encodeStateAsUpdate(doc)));
 * socket.send(awarenessFrame([{ client: 7, clock: 1, state: JSON.stringify({ user: { name: "Ana" } }) }]));
 */
import { decodeQuireMessage, encodeAckSubscribe, MessageType } from "@quire/core";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = {
  Step1: syncProtocol.messageYjsSyncStep1,
  Step2: syncProtocol.messageYjsSyncStep2,
  Update: syncProtocol.messageYjsUpdate,
} as const;

/** A frame of `type` followed by `parts`: numbers as varUint, strings as varString, bytes as varUint8Array. */
export function frame(type: number, ...parts: (number | string | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  for (const part of parts) {
    if (typeof part === "number") encoding.writeVarUint(encoder, part);
    else if (typeof part === "string") encoding.writeVarString(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

/** A sync message of any sub-type around `payload` (a state vector or an update, valid or not). */
export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, syncType, payload);
}

/** Sync step 1: "here is my state vector" (of `doc`, or an encoded state vector as given). */
export function syncStep1Frame(from: Y.Doc | Uint8Array): Uint8Array {
  return syncFrame(SyncType.Step1, from instanceof Y.Doc ? Y.encodeStateVector(from) : from);
}

/** Sync step 2: "here is what you lack". */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return syncFrame(SyncType.Step2, update);
}

/** An incremental update, as a provider sends after each local transaction. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(SyncType.Update, update);
}

/** An awareness update as y-protocols/awareness encodes it (`encodeAwarenessUpdate`). */
export function awarenessUpdateFrame(awarenessUpdate: Uint8Array): Uint8Array {
  return frame(MessageType.Awareness, awarenessUpdate);
}

/**
 * An awareness frame from raw entries. `state` is the JSON text as sent, so a test can send
 * "null" (a removal) or text that is not JSON at all.
 */
export function awarenessFrame(entries: readonly { client: number; clock: number; state: string }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.client);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, entry.state);
  }
  return awarenessUpdateFrame(encoding.toUint8Array(inner));
}

/** "Send me every awareness state." */
export function queryAwarenessFrame(): Uint8Array {
  return frame(MessageType.QueryAwareness);
}

/** Quire's opt-in ack subscription ([100, 0]); the relay then acks durable writes. */
export function ackSubscribeFrame(): Uint8Array {
  return encodeAckSubscribe();
}

/**
 * An update with no structs and one delete range (`client`'s clocks [from, from+length)):
 * the shape of the hostile "delete what nobody wrote yet" updates (reliability F2).
 */
export function deleteRangeUpdate(client: number, from: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1); // one range
  encoding.writeVarUint(encoder, from);
  encoding.writeVarUint(encoder, length);
  return encoding.toUint8Array(encoder);
}

/** The first varUint of a frame (its message type). */
export function messageType(message: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(message));
}

/** True for a sync update frame ([0, 2, …]). */
export function isUpdateFrame(message: Uint8Array): boolean {
  return message[0] === MessageType.Sync && message[1] === SyncType.Update;
}

/** Reads the reason string of a y-protocols auth permission-denied message ([2, 0, reason]). */
export function permissionDeniedReason(message: Uint8Array): string | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== MessageType.Auth || decoding.readVarUint(decoder) !== 0) return null;
  return decoding.readVarString(decoder);
}

/** The state vectors of the relay's acks among `messages` (Quire's ack extension), in order. */
export function ackStateVectors(messages: readonly Uint8Array[]): Map<number, number>[] {
  const out: Map<number, number>[] = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MessageType.Quire) continue;
    const decoded = decodeQuireMessage(decoder);
    if (decoded.kind === "ack") out.push(Y.decodeStateVector(decoded.stateVector));
  }
  return out;
}
