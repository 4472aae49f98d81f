/**
 * @module raw-mux
 * A bare `/mux` socket to the relay (issue 17 item 4), for tests that speak the multiplexed
 * wire format by hand. Each {@link RawMux.channel} is a {@link RawSocket}: the same shape as
 * {@link openRaw}'s `/sync/<doc>` socket, so one test body runs against both transports.
 *
 * @example
 * const mux = openRawMux(relay.syncUrl, relay.token({ workspace: "w1", role: "editor" }));
 * const doc = mux.channel("w1/d1");
 * doc.send(syncStep1Frame(new Y.Doc()));
 */
import { decodeMuxFrame, encodeMuxClose, encodeMuxData, encodeMuxOpen, tokenSubprotocols } from "@quire/core";
import { WebSocket } from "ws";
import type { RawSocket } from "./raw-socket.ts";
import { messageType } from "./wire-frames.ts";

export interface RawMux {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  /** Opens a channel on `docName` (the next id, or `id`); its `closed` settles on its close frame or the socket's close. */
  channel(docName: string, id?: number): RawSocket & { id: number; close(code?: number, reason?: string): void };
  /** Every frame received, undecoded. */
  frames: Uint8Array[];
}

/** `syncUrl` is the relay's `…/sync` base; the token travels in the subprotocol header. */
export function openRawMux(syncUrl: string, token: string): RawMux {
  const ws = new WebSocket(syncUrl.replace(/\/sync\/?$/, "/mux"), tokenSubprotocols(token));
  ws.binaryType = "nodebuffer";
  ws.on("error", () => {});
  const frames: Uint8Array[] = [];
  const channels = new Map<number, { messages: Uint8Array[]; close: (c: { code: number; reason: string }) => void }>();
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("close", () => reject(new Error("closed before open")));
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => {
      const record = { code, reason: reason.toString() };
      for (const channel of channels.values()) channel.close(record);
      resolve(record);
    });
  });
  ws.on("message", (data: Buffer) => {
    const bytes = new Uint8Array(data);
    frames.push(bytes);
    const frame = decodeMuxFrame(bytes);
    const channel = channels.get(frame.channel);
    if (frame.kind === "data") channel?.messages.push(frame.payload.slice());
    else if (frame.kind === "close") channel?.close({ code: frame.code, reason: frame.reason });
  });
  let nextId = 1;
  return {
    ws,
    opened,
    closed,
    frames,
    channel(docName, id = nextId++) {
      const messages: Uint8Array[] = [];
      let close!: (c: { code: number; reason: string }) => void;
      const channelClosed = new Promise<{ code: number; reason: string }>((resolve) => {
        close = resolve;
      });
      channels.set(id, { messages, close });
      const channelOpened = opened.then(() => ws.send(encodeMuxOpen(id, docName)));
      channelOpened.catch(() => {});
      // Frames leave after the channel's open frame, in call order, even when sent at once.
      let queue: Promise<void> = channelOpened;
      const later = (frame: () => Uint8Array | string) => {
        queue = queue.then(() => ws.send(frame()));
        queue.catch(() => {});
      };
      return {
        id,
        ws,
        messages,
        opened: channelOpened,
        closed: channelClosed,
        send(data) {
          later(() => (typeof data === "string" ? data : encodeMuxData(id, data)));
        },
        ofType(type) {
          return messages.filter((m) => messageType(m) === type);
        },
        close(code = 1000, reason = "") {
          later(() => encodeMuxClose(id, code, reason));
          close({ code, reason });
        },
      };
    },
  };
}
