/**
 * @module relay-messages
 * The few messages a DocReplica adds to stock y-websocket traffic: Quire's ack subscription
 * and acks (type 100, opt-in, see @quire/core protocol.ts) and a keep-alive sync step 1.
 */
import { MessageType, decodeQuireMessage, encodeAckSubscribe } from "@quire/core";
import type * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

type Handler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, type: number) => void;

/** `[100, 0]`: asks the relay for acks of durable writes on this connection. */
export function ackSubscribeMessage(): Uint8Array<ArrayBuffer> {
  return encodeAckSubscribe() as Uint8Array<ArrayBuffer>;
}

/** A sync step 1 (our state vector); the relay answers with what we lack, often nothing. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}

/**
 * Handles `[100, 1, stateVector]` acks on `provider` (y-websocket would log "Unable to compute
 * message" for an unknown type), and a hub's `[100, 2, flags]` relay info (issue 14).
 * Malformed or unknown messages confirm nothing and are ignored.
 */
export function onQuireAck(provider: WebsocketProvider, onAck: (stateVector: Map<number, number>) => void, onHub: () => void): void {
  const handlers = provider.messageHandlers as unknown as Handler[];
  handlers[MessageType.Quire] = (_encoder, decoder) => {
    let stateVector: Map<number, number>;
    try {
      const message = decodeQuireMessage(decoder);
      if (message.kind === "relay-info" && message.hub) onHub();
      if (message.kind !== "ack") return;
      stateVector = Y.decodeStateVector(message.stateVector);
    } catch {
      return;
    }
    onAck(stateVector);
  };
}
