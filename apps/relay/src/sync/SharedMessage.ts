/**
 * @module SharedMessage
 * One message that goes to many sockets (a broadcast update, a turn's ack), framed for the wire
 * once instead of once per receiver (issue 17 item 2). `ws` frames every `send` on its own:
 * an options object, a 2–10-byte header buffer, and two writes under a cork of its own, which
 * was ~10 % of the relay's busy samples in the throughput flood (bench/FINDINGS.md F15).
 *
 * Forms, each built on first use and then reused for every receiver:
 * - `websocketFrame()`: the complete server-to-client binary frame (unmasked, FIN, opcode 2,
 *   no RSV bits) — header and payload in one Buffer, written as it is to every plain `/sync`
 *   socket (raw-frame-write.ts);
 * - `muxPayload(channel)`: the `/mux` data payload for one channel id (@quire/core
 *   mux-frames.ts); channels with the same id on different sockets share it. A mux socket may
 *   compress (permessage-deflate), so it still goes through its socket's `ws` sender.
 *
 * Invariant: every form carries exactly `payload`; the bytes a receiver gets are those a
 * per-receiver `send(payload)` would have produced.
 */
import { encodeMuxData } from "@quire/core";

/**
 * How often a form was built, process-wide: tests prove a broadcast is framed once whatever
 * the number of receivers (a regression to per-receiver framing fails them).
 */
export const sharedFraming = { websocketFrames: 0, muxPayloads: 0 };

/** Largest payload framed here: 2^32 − 1 bytes (the 64-bit length form, high word zero). */
const MAX_FRAMED = 0xffff_ffff;

export class SharedMessage {
  private frame: Buffer | null = null;
  private readonly mux = new Map<number, Uint8Array>();

  constructor(readonly payload: Uint8Array) {}

  get byteLength(): number {
    return this.payload.byteLength;
  }

  /** The whole binary websocket frame a server sends for `payload` (RFC 6455 §5.2). */
  websocketFrame(): Buffer {
    if (this.frame) return this.frame;
    const length = this.payload.byteLength;
    if (length > MAX_FRAMED) throw new RangeError("message too large to frame");
    const header = length > 0xffff ? 10 : length > 125 ? 4 : 2;
    const frame = Buffer.allocUnsafe(header + length);
    // FIN + binary opcode; a server's frames are never masked.
    frame[0] = 0x82;
    if (header === 2) {
      frame[1] = length;
    } else if (header === 4) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeUInt32BE(0, 2);
      frame.writeUInt32BE(length, 6);
    }
    frame.set(this.payload, header);
    sharedFraming.websocketFrames += 1;
    this.frame = frame;
    return frame;
  }

  /** The mux data payload of `payload` on channel `channel`. */
  muxPayload(channel: number): Uint8Array {
    let framed = this.mux.get(channel);
    if (!framed) {
      framed = encodeMuxData(channel, this.payload);
      sharedFraming.muxPayloads += 1;
      this.mux.set(channel, framed);
    }
    return framed;
  }
}
