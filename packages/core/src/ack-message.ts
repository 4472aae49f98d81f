/**
 * @module ack-message
 * Encoding of Quire's opt-in durability acknowledgement (message type 100) and the relay info
 * sent beside it. See protocol.ts.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType, QuireMessage } from "./protocol.ts";

/** client → relay: subscribe to acknowledgements of durable writes. */
export function encodeAckSubscribe(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Quire);
  encoding.writeVarUint(encoder, QuireMessage.AckSubscribe);
  return encoding.toUint8Array(encoder);
}

/** relay → client: the stored doc now covers `stateVector` (Yjs-encoded state vector). */
export function encodeAck(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Quire);
  encoding.writeVarUint(encoder, QuireMessage.Ack);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** relay → client: this relay is a classroom hub (flags bit 0). */
export function encodeRelayInfo(info: { hub: boolean }): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Quire);
  encoding.writeVarUint(encoder, QuireMessage.RelayInfo);
  encoding.writeVarUint(encoder, info.hub ? 1 : 0);
  return encoding.toUint8Array(encoder);
}

export type QuireMessageDecoded =
  | { kind: "ack-subscribe" }
  | { kind: "ack"; stateVector: Uint8Array }
  | { kind: "relay-info"; hub: boolean };

/**
 * Decodes the body of a type-100 message (the decoder is positioned after the type).
 * Throws on unknown sub-types or truncated input.
 */
export function decodeQuireMessage(decoder: decoding.Decoder): QuireMessageDecoded {
  const sub = decoding.readVarUint(decoder);
  switch (sub) {
    case QuireMessage.AckSubscribe:
      return { kind: "ack-subscribe" };
    case QuireMessage.Ack:
      return { kind: "ack", stateVector: decoding.readVarUint8Array(decoder) };
    case QuireMessage.RelayInfo:
      return { kind: "relay-info", hub: (decoding.readVarUint(decoder) & 1) === 1 };
    default:
      throw new Error(`unknown Quire message sub-type ${sub}`);
  }
}
