/**
 * @module raw-upgrade
 * A websocket handshake written by hand over TCP, for what a well-behaved client library
 * refuses to do: send an un-normalized path (`/sync/a/../b`, `%00`), stop halfway through the
 * headers (slowloris), or complete the upgrade and then never answer pings (a half-open peer).
 * Server frames are parsed just enough to read close codes and reasons.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface RawOutcome {
  /** HTTP status of the upgrade response (101 when upgraded). */
  status: number;
  /** Close frame from the server, if one arrived. */
  close: { code: number; reason: string } | null;
  /** Binary/text data frames received before the close. */
  frames: Buffer[];
  /** True when the TCP connection ended (by the server) before `timeoutMs`. */
  ended: boolean;
}

export interface RawOptions {
  port: number;
  path: string;
  /** Local address to connect from (any 127.x.y.z works on Linux loopback). */
  localAddress?: string;
  /** Stop after this long, whatever happened. */
  timeoutMs?: number;
  /** Resolve as soon as a close frame arrives (default true). */
  untilClose?: boolean;
}

/** Performs an upgrade to `path` and collects what the server sends until close or timeout. */
export function rawUpgrade(options: RawOptions): Promise<RawOutcome> {
  const socket = connect({ host: "127.0.0.1", port: options.port, localAddress: options.localAddress });
  socket.write(
    `GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1:${options.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  return collect(socket, options.timeoutMs ?? 10_000, options.untilClose ?? true);
}

/** Sends only part of an HTTP upgrade request, then nothing; reports when the server hangs up. */
export function slowlorisHeaders(port: number, timeoutMs: number): Promise<{ endedAfterMs: number | null }> {
  const started = Date.now();
  const socket = connect({ host: "127.0.0.1", port });
  socket.write(`GET /sync/w1/doc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ endedAfterMs: null });
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve({ endedAfterMs: Date.now() - started });
    };
    socket.on("close", done);
    socket.on("error", () => undefined);
    socket.on("data", () => undefined);
  });
}

function collect(socket: Socket, timeoutMs: number, untilClose: boolean): Promise<RawOutcome> {
  const outcome: RawOutcome = { status: 0, close: null, frames: [], ended: false };
  let buffer = Buffer.alloc(0);
  let headerDone = false;
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("error", () => undefined);
    socket.on("close", () => {
      outcome.ended = true;
      finish();
    });
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!headerDone) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end === -1) return;
        const head = buffer.subarray(0, end).toString("latin1");
        outcome.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
        buffer = buffer.subarray(end + 4);
        headerDone = true;
        if (outcome.status !== 101) return finish();
      }
      for (;;) {
        const frame = parseFrame(buffer);
        if (!frame) break;
        buffer = buffer.subarray(frame.length);
        if (frame.opcode === 0x8) {
          const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          outcome.close = { code, reason: frame.payload.subarray(2).toString("utf8") };
          if (untilClose) return finish();
        } else if (frame.opcode === 0x1 || frame.opcode === 0x2) {
          outcome.frames.push(frame.payload);
        }
        // Pings (0x9) are deliberately never answered: this peer is "half-open".
      }
    });
  });
}

function parseFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] as number) & 0x0f;
  let length = (buffer[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return null;
  return { opcode, payload: buffer.subarray(offset, offset + length), length: offset + length };
}
