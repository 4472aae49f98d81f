/**
 * @module mux-frames
 * Reading the app's one `/mux` socket in e2e tests (issue 17 item 4): which document each
 * channel carries (from the page's open frames) and the y-websocket message inside a frame,
 * so tests that looked at "the socket of document X" look at its channel instead.
 */
import { type MuxFrame, decodeMuxFrame } from "@quire/core";

/** Whether `url` is the multiplexed endpoint. */
export function isMuxUrl(url: string): boolean {
  return new URL(url).pathname === "/mux";
}

/** Channel id → document name, learnt from the open frames a page sends. */
export class MuxChannels {
  private readonly docs = new Map<number, string>();

  /** Feed every frame the page sends; returns the frame decoded (null for text/undecodable). */
  sent(payload: string | Buffer): MuxFrame | null {
    const frame = decode(payload);
    if (frame?.kind === "open") this.docs.set(frame.channel, frame.docName);
    return frame;
  }

  docOf(channel: number): string | undefined {
    return this.docs.get(channel);
  }

  /** Every document a channel was opened for, in order. */
  opened(): string[] {
    return [...this.docs.values()];
  }
}

export function decode(payload: string | Buffer): MuxFrame | null {
  if (typeof payload === "string") return null;
  try {
    return decodeMuxFrame(new Uint8Array(payload));
  } catch {
    return null;
  }
}
