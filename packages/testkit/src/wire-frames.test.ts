import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType } from "@quire/core";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import * as wire from "./wire-frames.ts";

/** What y-protocols itself writes for a sync message: the frames must be byte-identical. */
function reference(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe("wire frames", () => {
  const doc = new Y.Doc();
  doc.getText("body").insert(0, "hello");
  const update = Y.encodeStateAsUpdate(doc);

  it("sync step 1, step 2 and update match y-protocols' own encoding", () => {
    expect(wire.syncStep1Frame(doc)).toEqual(reference((e) => syncProtocol.writeSyncStep1(e, doc)));
    expect(wire.syncStep1Frame(Y.encodeStateVector(doc))).toEqual(wire.syncStep1Frame(doc));
    expect(wire.syncStep2Frame(update)).toEqual(reference((e) => syncProtocol.writeSyncStep2(e, doc)));
    expect(wire.updateFrame(update)).toEqual(reference((e) => syncProtocol.writeUpdate(e, update)));
    expect(wire.isUpdateFrame(wire.updateFrame(update))).toBe(true);
    expect(wire.isUpdateFrame(wire.syncStep2Frame(update))).toBe(false);
  });

  it("an awareness frame from raw entries is what y-protocols/awareness decodes", () => {
    const bytes = wire.awarenessFrame([{ client: 42, clock: 3, state: JSON.stringify({ user: { name: "Ana" } }) }]);
    expect(wire.messageType(bytes)).toBe(MessageType.Awareness);
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarUint(decoder);
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), "test");
    expect(awareness.getStates().get(42)).toEqual({ user: { name: "Ana" } });
    const own = new awarenessProtocol.Awareness(doc);
    own.setLocalState({ a: 1 });
    expect(wire.messageType(wire.awarenessUpdateFrame(awarenessProtocol.encodeAwarenessUpdate(own, [doc.clientID])))).toBe(MessageType.Awareness);
  });

  it("a delete-range update decodes as a delete set of one range", () => {
    const decoded = Y.decodeUpdate(wire.deleteRangeUpdate(7, 10, 5));
    expect(decoded.structs).toEqual([]);
    expect([...decoded.ds.clients.entries()].map(([client, items]) => [client, items.map((i) => [i.clock, i.len])])).toEqual([[7, [[10, 5]]]]);
  });

  it("wire.frame() writes numbers, strings and bytes in order; permission denied reads back", () => {
    expect(wire.frame(2, 0, "no")).toEqual(Uint8Array.from([2, 0, 2, 110, 111]));
    expect(wire.permissionDeniedReason(wire.frame(MessageType.Auth, 0, "expired"))).toBe("expired");
    expect(wire.permissionDeniedReason(wire.updateFrame(update))).toBeNull();
  });
});
