import { describe, expect, it } from "vitest";
import { MAX_MUX_CHANNEL_ID, MuxFrameError, decodeMuxFrame, encodeMuxClose, encodeMuxData, encodeMuxOpen } from "./mux-frames.ts";

describe("mux frames", () => {
  it("round-trips data, open and close frames", () => {
    const payload = new Uint8Array([0, 0, 1, 7]);
    expect(decodeMuxFrame(encodeMuxData(300, payload))).toEqual({ kind: "data", channel: 300, payload });
    expect(decodeMuxFrame(encodeMuxOpen(MAX_MUX_CHANNEL_ID, "w0000000001/d0000000001"))).toEqual({
      kind: "open",
      channel: MAX_MUX_CHANNEL_ID,
      docName: "w0000000001/d0000000001",
    });
    expect(decodeMuxFrame(encodeMuxClose(2, 4403, "forbidden: é"))).toEqual({ kind: "close", channel: 2, code: 4403, reason: "forbidden: é" });
  });

  it("refuses what is not a well-formed frame", () => {
    const bad: [string, Uint8Array][] = [
      ["empty", new Uint8Array()],
      ["channel id too large", encodeMuxData(MAX_MUX_CHANNEL_ID + 1, new Uint8Array([1]))],
      ["control frame for channel 0", encodeMuxOpen(0, "w0000000001/d0000000001")],
      ["unknown control type", new Uint8Array([0, 9, 1])],
      ["trailing bytes", new Uint8Array([...encodeMuxClose(1, 1000, ""), 5])],
      ["close code out of range", encodeMuxClose(1, 999, "")],
      ["close reason over 123 bytes", encodeMuxClose(1, 4400, "é".repeat(62))],
      ["truncated open", encodeMuxOpen(1, "w0000000001/d0000000001").subarray(0, 6)],
    ];
    for (const [what, frame] of bad) expect(() => decodeMuxFrame(frame), what).toThrow(MuxFrameError);
  });
});
