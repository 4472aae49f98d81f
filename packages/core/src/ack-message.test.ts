import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeQuireMessage, encodeAck, encodeAckSubscribe, encodeRelayInfo } from "./ack-message.ts";
import { MessageType } from "./protocol.ts";

describe("Quire ack messages", () => {
  it("round-trips a subscribe message", () => {
    const decoder = decoding.createDecoder(encodeAckSubscribe());
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Quire);
    expect(decodeQuireMessage(decoder)).toEqual({ kind: "ack-subscribe" });
  });

  it("round-trips an ack carrying a state vector", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "hello");
    const sv = Y.encodeStateVector(doc);
    const decoder = decoding.createDecoder(encodeAck(sv));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Quire);
    const decoded = decodeQuireMessage(decoder);
    expect(decoded.kind).toBe("ack");
    if (decoded.kind === "ack") expect(Y.decodeStateVector(decoded.stateVector).get(doc.clientID)).toBe(5);
  });

  it("rejects unknown sub-types and truncated input", () => {
    expect(() => decodeQuireMessage(decoding.createDecoder(new Uint8Array([7])))).toThrow(/sub-type 7/);
    expect(() => decodeQuireMessage(decoding.createDecoder(new Uint8Array([1, 5, 1])))).toThrow();
  });
  it("round-trips a hub's relay info (issue 14)", () => {
    for (const hub of [true, false]) {
      const decoder = decoding.createDecoder(encodeRelayInfo({ hub }));
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Quire);
      expect(decodeQuireMessage(decoder)).toEqual({ kind: "relay-info", hub });
    }
  });
});
