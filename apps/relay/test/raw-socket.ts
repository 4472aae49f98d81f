/**
 * A bare `ws` socket to the relay, for tests that speak the wire protocol by hand (bad
 * frames, close reasons, the ack extension) where a stock provider would hide the details.
 */
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";

export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received, in order. */
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(data: Uint8Array | string): void;
  /** Messages whose first varUint is `type`. */
  ofType(type: number): Uint8Array[];
}

export function openRaw(syncUrl: string, docName: string, token?: string): RawSocket {
  const url = `${syncUrl}/${docName}${token === undefined ? "" : `?token=${encodeURIComponent(token)}`}`;
  const ws = new WebSocket(url);
  ws.binaryType = "nodebuffer";
  const messages: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on("error", () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("close", () => reject(new Error("closed before open")));
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return {
    ws,
    messages,
    opened,
    closed,
    send(data) {
      ws.send(data);
    },
    ofType(type) {
      return messages.filter((m) => decoding.readVarUint(decoding.createDecoder(m)) === type);
    },
  };
}

/** Reads the reason string of a y-protocols auth permission-denied message ([2, 0, reason]). */
export function permissionDeniedReason(message: Uint8Array): string | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 0) return null;
  return decoding.readVarString(decoder);
}
