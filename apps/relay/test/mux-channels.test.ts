/**
 * The `/mux` endpoint's own rules (issue 17 item 4): one token check per socket, a channel
 * count limit, a channel closed alone (the others keep syncing), no presence echo to the
 * sender, and a malformed frame closing the whole socket.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode, MessageType } from "@quire/core";
import { awarenessFrame, openRawMux, syncStep1Frame, updateFrame, useRelay, waitFor } from "@quire/testkit";

const WORKSPACE = "w0000000179";
const relay = useRelay({ env: { MAX_MUX_CHANNELS: "3" } });
const doc = (n: number) => `${WORKSPACE}/d${String(n).padStart(10, "0")}`;

describe("/mux channels", () => {
  it("closes the channel past MAX_MUX_CHANNELS with 4529 while the others keep syncing", async () => {
    const mux = openRawMux(relay.syncUrl, relay.token({ workspace: WORKSPACE, role: "editor" }));
    const open = [1, 2, 3].map((n) => mux.channel(doc(n)));
    const extra = mux.channel(doc(4));
    const closed = await extra.closed;
    expect(closed.code).toBe(CloseCode.TooManyConnections);
    expect(closed.reason).toMatch(/limit 3/);
    for (const channel of open) await waitFor(() => channel.ofType(MessageType.Sync).length > 0, 10_000, "relay's step 1");
    // A closed channel frees its place.
    open[0]?.close();
    const again = mux.channel(doc(5));
    await waitFor(() => again.ofType(MessageType.Sync).length > 0, 10_000, "a channel after one closed");
    mux.ws.close();
  });

  it("closes one refused channel with its own code; the other channel on the socket still syncs", async () => {
    const mux = openRawMux(relay.syncUrl, relay.token({ doc: doc(10), role: "editor" }));
    const allowed = mux.channel(doc(10));
    const refused = mux.channel(doc(11));
    expect((await refused.closed).code).toBe(CloseCode.Forbidden);
    const local = new Y.Doc();
    local.getText("t").insert(0, "still here");
    allowed.send(updateFrame(Y.encodeStateAsUpdate(local)));
    const reader = mux.channel(doc(10));
    reader.send(syncStep1Frame(new Y.Doc()));
    await waitFor(() => reader.ofType(MessageType.Sync).some((m) => m.byteLength > 20), 10_000, "the allowed doc's content");
    expect(mux.ws.readyState).toBe(mux.ws.OPEN);
    mux.ws.close();
  });

  it("refuses the whole socket on a bad token (4401) before any channel is served", async () => {
    const mux = openRawMux(relay.syncUrl, "not-a-token");
    mux.channel(doc(20));
    const closed = await mux.closed;
    expect(closed.code).toBe(CloseCode.Unauthorized);
  });

  it("does not echo a channel's own presence back to it, but relays it to others", async () => {
    const token = relay.token({ workspace: WORKSPACE, role: "editor" });
    const sender = openRawMux(relay.syncUrl, token).channel(doc(30));
    const other = openRawMux(relay.syncUrl, token).channel(doc(30));
    await Promise.all([sender.opened, other.opened]);
    await waitFor(() => sender.messages.length > 0 && other.messages.length > 0, 10_000, "both joined");
    const before = sender.ofType(MessageType.Awareness).length;
    sender.send(awarenessFrame([{ client: 3131, clock: 1, state: JSON.stringify({ user: { name: "Solo" } }) }]));
    await waitFor(() => other.ofType(MessageType.Awareness).length > 0, 10_000, "presence relayed to the other");
    // The echo would have been sent in the same broadcast as the other's copy.
    sender.send(syncStep1Frame(new Y.Doc()));
    const count = sender.messages.length;
    await waitFor(() => sender.messages.length > count, 10_000, "an answer after the presence");
    expect(sender.ofType(MessageType.Awareness).length).toBe(before);
    sender.ws.close();
    other.ws.close();
  });

  it("closes the whole socket with 4400 on a malformed control frame", async () => {
    const mux = openRawMux(relay.syncUrl, relay.token({ workspace: WORKSPACE, role: "editor" }));
    await mux.opened;
    mux.ws.send(new Uint8Array([0, 9, 1]));
    const closed = await mux.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/unknown control frame/);
  });
});
