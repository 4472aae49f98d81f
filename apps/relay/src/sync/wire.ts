/**
 * @module wire
 * Encoders for the y-websocket messages the relay sends, and the close-reason trimming that
 * the WebSocket protocol requires (a close reason is at most 123 bytes of UTF-8).
 */
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";
import { MessageType } from "@quire/core";

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Throws when `stateVector` is malformed (untrusted input from the client's step 1). */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * The same awareness message with every live state replaced by `{}`: for a share link (parents,
 * a reader outside the class), who must not learn which students are in the document or their
 * names (docs/privacy.md). Clocks and removals are kept, so the viewer's awareness stays
 * consistent and the messages still keep its socket alive (y-websocket reconnects after 30 s
 * without any).
 */
export function encodeAnonymousAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, clients.length);
  for (const clientId of clients) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, awareness.meta.get(clientId)?.clock ?? 0);
    encoding.writeVarString(inner, awareness.getStates().has(clientId) ? "{}" : "null");
  }
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Presence for one reader: as it is, or anonymous for a share link ({@link encodeAnonymousAwareness}). */
export function encodeAwarenessFor(reader: { anonymousPresence: boolean }, awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return reader.anonymousPresence ? encodeAnonymousAwareness(awareness, clients) : encodeAwareness(awareness, clients);
}

/** y-protocols/auth "permission denied" with a human-readable reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Trims `reason` to the 123 UTF-8 bytes a close frame can carry, without splitting a char. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let out = reason;
  while (Buffer.byteLength(`${out}…`) > 123) out = out.slice(0, -1);
  return `${out}…`;
}
