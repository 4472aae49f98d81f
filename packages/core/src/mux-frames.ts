/**
 * @module mux-frames
 * Several documents over one websocket (`/mux`, issue 17 item 4). Every binary frame starts
 * with a varuint channel id. Channel ≥ 1: the rest is one y-websocket message of that
 * channel's document, byte for byte what a `/sync/<doc>` socket carries. Channel 0: a control
 * frame — `[0, 0, channel, docName]` opens a channel on a document (client → relay), and
 * `[0, 1, channel, code, reason]` closes one, either way, with a websocket close code and
 * reason (the relay's 44xx/45xx codes mean exactly what they mean on a `/sync` socket).
 *
 * Why no "opened" answer: a `/sync` socket is open (101) before its token and access are
 * checked, and a client sends its sync step 1 at once; a channel is the same, so opening one
 * costs the client's open frame and nothing else.
 *
 * Invariants: decoding is total — any input either decodes to one frame within the limits
 * below or throws {@link MuxFrameError}; ids are 1..MAX_MUX_CHANNEL_ID.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** Path of the multiplexed endpoint, beside `/sync/<doc>`. */
export const MUX_PATH = "/mux";
/** Largest channel id: a varuint of at most 5 bytes, within JavaScript's small integers. */
export const MAX_MUX_CHANNEL_ID = 0x7fffffff;
/** A close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5); the same bound applies here. */
export const MAX_MUX_CLOSE_REASON_BYTES = 123;

export const MuxControl = { Open: 0, Close: 1 } as const;

export type MuxFrame =
  | { kind: "data"; channel: number; payload: Uint8Array }
  | { kind: "open"; channel: number; docName: string }
  | { kind: "close"; channel: number; code: number; reason: string };

/** A frame that is not a well-formed mux frame; the relay closes the whole socket with 4400. */
export class MuxFrameError extends Error {}

export function encodeMuxData(channel: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, channel);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeMuxOpen(channel: number, docName: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, MuxControl.Open);
  encoding.writeVarUint(encoder, channel);
  encoding.writeVarString(encoder, docName);
  return encoding.toUint8Array(encoder);
}

export function encodeMuxClose(channel: number, code: number, reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, MuxControl.Close);
  encoding.writeVarUint(encoder, channel);
  encoding.writeVarUint(encoder, code);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Decodes one frame (untrusted input); throws MuxFrameError when it is malformed. */
export function decodeMuxFrame(frame: Uint8Array): MuxFrame {
  try {
    const decoder = decoding.createDecoder(frame);
    const first = readChannel(decoder, true);
    if (first > 0) return { kind: "data", channel: first, payload: frame.subarray(decoder.pos) };
    const type = decoding.readVarUint(decoder);
    const channel = readChannel(decoder, false);
    if (type === MuxControl.Open) {
      const docName = decoding.readVarString(decoder);
      return end(decoder, { kind: "open", channel, docName });
    }
    if (type === MuxControl.Close) {
      const code = decoding.readVarUint(decoder);
      if (code < 1000 || code > 4999) throw new MuxFrameError(`close code ${code} out of range`);
      const reason = decoding.readVarString(decoder);
      if (utf8Length(reason) > MAX_MUX_CLOSE_REASON_BYTES) throw new MuxFrameError("close reason too long");
      return end(decoder, { kind: "close", channel, code, reason });
    }
    throw new MuxFrameError(`unknown control frame ${type}`);
  } catch (error) {
    if (error instanceof MuxFrameError) throw error;
    throw new MuxFrameError(`malformed mux frame: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readChannel(decoder: decoding.Decoder, zeroAllowed: boolean): number {
  const channel = decoding.readVarUint(decoder);
  if (channel > MAX_MUX_CHANNEL_ID || (!zeroAllowed && channel === 0)) throw new MuxFrameError(`channel id ${channel} out of range`);
  return channel;
}

function end<T extends MuxFrame>(decoder: decoding.Decoder, frame: T): T {
  if (decoding.hasContent(decoder)) throw new MuxFrameError("trailing bytes after a control frame");
  return frame;
}

/** UTF-8 byte length without TextEncoder (core builds against no DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
