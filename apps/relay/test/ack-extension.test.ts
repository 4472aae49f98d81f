
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MessageType, encodeAckSubscribe, stateVectorCovers } from "@quire/core";
import { ackStateVectors, connectStockClient, openRaw, storedDoc, updateFrame, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000009/d0000000001";
const relay = useRelay();

const acks = ackStateVectors;

describe("Quire ack extension (type 100)", () => {
  it("acks once after subscribing and after the durable write of this socket's data", async () => {
    const stock = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(stock.provider);
    const stockRaw: Uint8Array[] = [];
    stock.provider.ws?.addEventListener("message", (event: MessageEvent) => stockRaw.push(new Uint8Array(event.data as ArrayBuffer)));

    const client = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await client.opened;
    client.send(encodeAckSubscribe());
    await waitFor(() => acks(client.messages).length === 1, 10_000, "initial ack");

    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3; i++) local.getText("t").insert(0, `edit ${i} `);
    for (const update of updates) client.send(updateFrame(update));
    // Writes of one event-loop turn share one commit and one ack (group commit), so three
    // updates sent back to back get one to three acks; the last covers all of them.
    const wanted = Y.decodeStateVector(Y.encodeStateVector(local));
    await waitFor(() => stateVectorCovers(acks(client.messages).at(-1) as Map<number, number>, wanted), 10_000, "ack covering every write");
    expect(acks(client.messages).length).toBeGreaterThanOrEqual(2);
    expect(acks(client.messages).length).toBeLessThanOrEqual(1 + updates.length);
    // What was acked is on disk.
    expect(storedDoc(relay.dataDir, DOC).getText("t").toString()).toBe(local.getText("t").toString());

    // The stock client got the edits but never a type-100 message.
    await waitFor(() => stock.doc.getText("t").toString() === local.getText("t").toString(), 10_000, "stock client");
    expect(stockRaw.length).toBeGreaterThan(0);
    expect(stockRaw.some((m) => m[0] === MessageType.Quire)).toBe(false);
    client.ws.close();
    stock.destroy();
  });

  it("a socket that never subscribes never receives type 100", async () => {
    const client = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await client.opened;
    const local = new Y.Doc();
    local.getText("t").insert(0, "more");
    client.send(updateFrame(Y.encodeStateAsUpdate(local)));
    client.send(new Uint8Array([3]));
    await waitFor(() => client.ofType(MessageType.Awareness).length > 0 || client.messages.length >= 1, 10_000, "some reply");
    await waitFor(() => storedDoc(relay.dataDir, DOC).getText("t").toString().includes("more"), 10_000, "stored");
    expect(client.ofType(MessageType.Quire)).toHaveLength(0);
    client.ws.close();
  });
});
