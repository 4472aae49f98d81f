/**
 * @module raw-socket
 * A bare `ws` socket to the relay, for tests that speak the wire protocol by hand (bad
 * frames, close reasons, the ack extension) where a stock provider would hide the details.
 * Frames to send come from wire-frames.ts; `WireClient` is the socket that also syncs a doc.
 *
 * @example
 * const raw = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
 * await raw.opened;
 * raw.send(updateFrame(hostileUpdate));
 * expect((await raw.closed).code).toBe(CloseCode.BadMessage);
 */
import { WebSocket } from "ws";
import { messageType } from "./wire-frames.ts";

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
      return messages.filter((m) => messageType(m) === type);
    },
  };
}
