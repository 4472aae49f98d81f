/**
 * One document over either transport the relay offers — a `/sync/<doc>` socket or a channel
 * of a `/mux` socket (issue 17 item 4) — must behave the same: sync, ack, refused presence,
 * 4403 for a document the token does not cover, 1009 for an oversized frame. Every case runs
 * against both, over real sockets to a real relay process.
 */
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, MessageType, encodeAckSubscribe } from "@quire/core";
import { ackStateVectors, awarenessFrame, openRaw, openRawMux, permissionDeniedReason, type RawSocket, syncStep1Frame, updateFrame, useRelay, waitFor } from "@quire/testkit";

const WORKSPACE = "w0000000177";
const MAX_MESSAGE_BYTES = 4096;
const relay = useRelay({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), MAX_AWARENESS_STATE_BYTES: "1024" } });

type Open = (docName: string, token: string) => RawSocket;
const TRANSPORTS: [string, Open][] = [
  ["/sync/<doc> socket", (docName, token) => openRaw(relay.syncUrl, docName, token)],
  ["/mux channel", (docName, token) => openRawMux(relay.syncUrl, token).channel(docName)],
];

let docs = 0;
const nextDoc = () => `${WORKSPACE}/d${String(++docs).padStart(10, "0")}`;

const acks = ackStateVectors;

describe.each(TRANSPORTS)("a document over a %s", (_name, open) => {
  it("syncs both ways and acks the durable write", async () => {
    const docName = nextDoc();
    const token = relay.token({ workspace: WORKSPACE, role: "editor" });
    const writer = open(docName, token);
    await writer.opened;
    // The relay opens with its own sync step 1.
    await waitFor(() => writer.ofType(MessageType.Sync).length > 0, 10_000, "relay's sync step 1");
    writer.send(encodeAckSubscribe());
    const local = new Y.Doc();
    local.getText("t").insert(0, "over either transport");
    writer.send(updateFrame(Y.encodeStateAsUpdate(local)));
    const wanted = local.clientID;
    await waitFor(() => acks(writer.messages).some((sv) => (sv.get(wanted) ?? 0) > 0), 10_000, "ack of the update");

    const reader = open(docName, token);
    await reader.opened;
    reader.send(syncStep1Frame(new Y.Doc()));
    const copy = new Y.Doc();
    await waitFor(
      () => {
        for (const message of reader.ofType(MessageType.Sync)) {
          const decoder = decoding.createDecoder(message);
          decoding.readVarUint(decoder);
          const kind = decoding.readVarUint(decoder);
          if (kind !== 0) Y.applyUpdate(copy, decoding.readVarUint8Array(decoder));
        }
        return copy.getText("t").toString() === "over either transport";
      },
      10_000,
      "the reader's copy",
    );
    writer.ws.close();
    reader.ws.close();
  });

  it("refuses an oversized presence state with 4400", async () => {
    const socket = open(nextDoc(), relay.token({ workspace: WORKSPACE, role: "editor" }));
    await socket.opened;
    socket.send(awarenessFrame([{ client: 77, clock: 1, state: JSON.stringify({ user: { name: "x".repeat(2048) } }) }]));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/awareness state larger than 1024 bytes/);
    socket.ws.close();
  });

  it("closes a document the token does not cover with 4403 and says why", async () => {
    const socket = open(nextDoc(), relay.token({ workspace: "w0000000178", role: "editor" }));
    await socket.opened;
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/forbidden: token is for workspace w0000000178/);
    expect(socket.messages.map(permissionDeniedReason).find((r) => r !== null)).toMatch(/forbidden/);
    socket.ws.close();
  });

  it("closes an oversized frame with 1009 and the limit", async () => {
    const socket = open(nextDoc(), relay.token({ workspace: WORKSPACE, role: "editor" }));
    await socket.opened;
    await waitFor(() => socket.messages.length > 0, 10_000, "relay's sync step 1");
    socket.send(updateFrame(new Uint8Array(MAX_MESSAGE_BYTES + 100)));
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.MessageTooBig);
    expect(closed.reason).toMatch(new RegExp(`limited to ${MAX_MESSAGE_BYTES} bytes`));
    socket.ws.close();
  });
});
