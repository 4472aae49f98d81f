import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { storedDoc, storedRows, connectStockClient, openRaw, type StockClient, updateFrame as syncUpdateFrame, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000005/d0000000001";
let a: StockClient;
let b: StockClient;
let round = 0;

const relay = useRelay();
beforeAll(async () => {
  const token = relay.token({ doc: DOC, role: "editor" });
  a = connectStockClient(relay.syncUrl, DOC, token);
  b = connectStockClient(relay.syncUrl, DOC, token);
  await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
  a.doc.getText("body").insert(0, "precious stored content. ");
  await waitFor(() => b.doc.getText("body").length > 0, 10_000, "initial content");
});
afterAll(async () => {
  a?.destroy();
  b?.destroy();
});

/** Sends `frame` from a third, authenticated socket and checks the aftermath. */
async function sendBad(frame: Uint8Array | string, expectedCode: number, reason: RegExp): Promise<void> {
  const before = storedRows(relay.dataDir, DOC);
  const bad = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
  await bad.opened;
  bad.send(frame);
  const closed = await bad.closed;
  expect(closed.code).toBe(expectedCode);
  expect(closed.reason).toMatch(reason);
  // The other clients keep syncing, both ways.
  round += 1;
  a.doc.getText("body").insert(a.doc.getText("body").length, `a${round} `);
  b.doc.getText("body").insert(0, `b${round} `);
  await waitFor(
    () => a.doc.getText("body").toString() === b.doc.getText("body").toString() && a.doc.getText("body").toString().includes(`b${round} `),
    10_000,
    "other clients to keep syncing",
  );
  expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  expect((await relay.healthz()).status).toBe("ok");
  // Nothing already stored was touched: the old rows are still there, byte for byte.
  const after = storedRows(relay.dataDir, DOC);
  expect(after.slice(0, before.length)).toEqual(before);
}

function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("body").insert(0, "some text that makes a longer update ".repeat(4));
  return Y.encodeStateAsUpdate(doc);
}

describe("bad input closes only the offending socket", () => {
  it("garbage bytes", async () => {
    await sendBad(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), CloseCode.BadMessage, /malformed/);
  });

  it("unknown message type", async () => {
    await sendBad(new Uint8Array([42, 1, 2, 3]), CloseCode.BadMessage, /unknown message type 42/);
  });

  it("a text frame", async () => {
    await sendBad("hello relay", CloseCode.BadMessage, /text frames/);
  });

  it("a truncated frame (length prefix longer than the data)", async () => {
    const frame = syncUpdateFrame(realUpdate());
    await sendBad(frame.slice(0, Math.floor(frame.length / 2)), CloseCode.BadMessage, /malformed/);
  });

  it("a truncated Yjs update inside a well-formed frame", async () => {
    const update = realUpdate();
    await sendBad(syncUpdateFrame(update.slice(0, Math.floor(update.length / 2))), CloseCode.BadMessage, /malformed Yjs update/);
  });

  it("a 20 MiB frame is refused by size (1009) before it is buffered", async () => {
    await sendBad(new Uint8Array(20 * 1024 * 1024), CloseCode.MessageTooBig, /too big/);
  });

  it("a large malformed update decoded in the worker", async () => {
    const big = new Uint8Array(300 * 1024).fill(7);
    await sendBad(syncUpdateFrame(big), CloseCode.BadMessage, /malformed Yjs update/);
  });

  it("the stored doc still holds everything, and a large valid update still syncs", async () => {
    const doc = new Y.Doc();
    doc.getText("big").insert(0, "x".repeat(400 * 1024));
    const client = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await client.opened;
    client.send(syncUpdateFrame(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => a.doc.getText("big").length === 400 * 1024, 20_000, "large update to arrive");
    client.ws.close();
    const stored = storedDoc(relay.dataDir, DOC);
    expect(stored.getText("body").toString()).toContain("precious stored content. ");
    expect(stored.getText("body").toString()).toBe(a.doc.getText("body").toString());
  });
});
