/**
 * @module raw-frame-write
 * Writes a complete websocket frame built once per broadcast (SharedMessage.websocketFrame) straight to a
 * `ws` socket's net.Socket, skipping `ws`'s per-send framing (bench/FINDINGS.md F19).
 *
 * Only when that is exactly what `ws` itself would put on the wire, at the same place in the
 * stream; otherwise the caller falls back to `ws.send`:
 * - the socket is a server-side `ws` WebSocket that is OPEN, with its net.Socket attached;
 * - no permessage-deflate was negotiated (a compressed socket frames differently, and its
 *   sender may hold messages while it deflates);
 * - the sender is idle (state DEFAULT, empty queue): nothing sent earlier is still waiting
 *   in `ws`, so the raw write cannot overtake it.
 * Backpressure accounting is unchanged: `ws`'s `bufferedAmount` is the net.Socket's
 * `writableLength` plus what its sender holds, and the raw write lands in the former.
 *
 * `ws` does not export these fields; they are stable across ws 7–8 (`_socket`, `_sender`,
 * `_extensions` are what its own WebSocket uses), and the checks fail closed: a field that is
 * missing or shaped differently means "fall back".
 */
import { WebSocket } from "ws";
import type { SharedMessage } from "./SharedMessage.ts";

interface WsInternals {
  _socket?: { destroyed: boolean; writable: boolean; write(chunk: Uint8Array, cb: (error?: Error | null) => void): boolean } | null;
  _sender?: { _state?: unknown; _queue?: unknown[] } | null;
  _extensions?: Record<string, unknown>;
  _isServer?: boolean;
}

/** `ws`'s Sender state when it holds nothing back (sender.js DEFAULT). */
const SENDER_IDLE = 0;

/**
 * True when `message`'s frame was written; false when the caller must use `socket.send`
 * instead (the frame is then not built).
 */
export function writeRawFrame(socket: unknown, message: SharedMessage, cb: (error?: Error) => void): boolean {
  if (!(socket instanceof WebSocket) || socket.readyState !== WebSocket.OPEN) return false;
  const ws = socket as unknown as WsInternals;
  const net = ws._socket;
  const sender = ws._sender;
  if (ws._isServer !== true || !net || net.destroyed || !net.writable || !sender) return false;
  if (!ws._extensions || Object.keys(ws._extensions).length > 0) return false;
  if (sender._state !== SENDER_IDLE || !Array.isArray(sender._queue) || sender._queue.length > 0) return false;
  net.write(message.websocketFrame(), (error) => cb(error ?? undefined));
  return true;
}
