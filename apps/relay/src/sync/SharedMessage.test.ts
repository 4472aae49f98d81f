/**
 * SharedMessage's frame is byte for byte what `ws` frames for a server's binary send, in all
 * three length forms, and each form is built once however often it is asked for.
 */
import { createRequire } from "node:module";
import { decodeMuxFrame } from "@quire/core";
import { describe, expect, it } from "vitest";
import { SharedMessage, sharedFraming } from "./SharedMessage.ts";

const { Sender } = createRequire(import.meta.url)("ws") as {
  Sender: { frame: (data: Buffer, options: Record<string, unknown>) => Buffer[] };
};

/** What ws puts on the wire for `ws.send(payload)` on an uncompressed server socket. */
function wsFrame(payload: Uint8Array): Buffer {
  const data = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return Buffer.concat(Sender.frame(data, { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
}

describe("SharedMessage", () => {
  it("frames a payload exactly as ws does (7-bit, 16-bit and 64-bit lengths)", () => {
    for (const size of [0, 1, 125, 126, 300, 65_535, 65_536, 70_000]) {
      const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff);
      expect(new SharedMessage(payload).websocketFrame().equals(wsFrame(payload)), `size ${size}`).toBe(true);
    }
  });

  it("builds each form once, whatever the number of receivers", () => {
    const message = new SharedMessage(Uint8Array.of(0, 2, 5, 1, 2, 3));
    const frames = sharedFraming.websocketFrames;
    const mux = sharedFraming.muxPayloads;
    const first = message.websocketFrame();
    for (let i = 0; i < 10; i++) expect(message.websocketFrame()).toBe(first);
    expect(sharedFraming.websocketFrames - frames).toBe(1);
    const a = message.muxPayload(3);
    for (let i = 0; i < 10; i++) expect(message.muxPayload(3)).toBe(a);
    const b = message.muxPayload(300);
    expect(sharedFraming.muxPayloads - mux).toBe(2);
    expect(decodeMuxFrame(a)).toMatchObject({ kind: "data", channel: 3, payload: message.payload });
    expect(decodeMuxFrame(b)).toMatchObject({ kind: "data", channel: 300, payload: message.payload });
  });
});
