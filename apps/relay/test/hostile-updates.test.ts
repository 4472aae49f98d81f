/**
 * Updates from an editor token that are well-formed on the wire but hostile, found by the
 * reliability suite's wire fuzzer (tests/reliability/FINDINGS.md F1–F3).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { storedDoc, connectStockClient, deleteRangeUpdate, openRaw, type StockClient, updateFrame, useRelay, waitFor, waitSynced } from "@quire/testkit";

const relay = useRelay({ env: { HELD_UPDATE_GRACE_MS: "1000" } });

async function pair(doc: string): Promise<[StockClient, StockClient]> {
  const token = relay.token({ doc, role: "editor" });
  const clients: [StockClient, StockClient] = [connectStockClient(relay.syncUrl, doc, token), connectStockClient(relay.syncUrl, doc, token)];
  await Promise.all(clients.map((c) => waitSynced(c.provider)));
  return clients;
}

describe("hostile updates", () => {
  it("F1: an update that decodes but cannot be applied closes only its sender (4400)", async () => {
    const doc = "w0000000018/d0000000001";
    const [a, b] = await pair(doc);
    // Fuzzer frame 31337 #1520: decodes, then Y.applyUpdate throws "Unexpected case".
    const frame = Buffer.from("0002330104c3faa7db0e00040104726f6f74017384c3faa7db0e00023020c4c3faa7db0e00c3faa7db0e010373312000010174017800", "hex");
    const hostile = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await hostile.opened;
    hostile.send(new Uint8Array(frame));
    const closed = await hostile.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/cannot be applied/);
    a.doc.getText("t").insert(0, "still here");
    await waitFor(() => b.doc.getText("t").toString() === "still here", 10_000, "sync after");
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it("F2: deleting clocks nobody has written is refused; the victim's later typing survives", async () => {
    const doc = "w0000000018/d0000000002";
    const [victim, peer] = await pair(doc);
    victim.doc.getText("t").insert(0, "before ");
    await waitFor(() => peer.doc.getText("t").toString() === "before ", 10_000, "first text");
    const next = Y.getState(victim.doc.store, victim.doc.clientID);
    const hostile = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await hostile.opened;
    hostile.send(updateFrame(deleteRangeUpdate(victim.doc.clientID, next, 2 ** 40)));
    const closed = await hostile.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/deletes content that does not exist/);
    victim.doc.getText("t").insert(7, "after");
    await waitFor(() => peer.doc.getText("t").toString() === "before after", 10_000, "later typing reaches the peer");
    expect(storedDoc(relay.dataDir, doc).getText("t").toString()).toBe("before after");
    victim.destroy();
    peer.destroy();
  });

  it("F4: formatting marks piled on a few characters are refused before they are integrated", async () => {
    const doc = "w0000000018/d0000000005";
    const [a, b] = await pair(doc);
    const heavy = new Y.Doc();
    heavy.getText("t").insert(0, "x".repeat(50));
    for (let i = 0; i < 1500; i++) heavy.getText("t").format(i % 50, 1, { [`m${i}`]: i });
    const hostile = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await hostile.opened;
    hostile.send(updateFrame(Y.encodeStateAsUpdate(heavy)));
    const closed = await hostile.closed;
    expect(closed.code).toBe(CloseCode.BadMessage);
    expect(closed.reason).toMatch(/piles \d+ formatting marks on 50 characters/);
    // Ordinary formatting is fine, even thousands of marks spread over a long text (an
    // offline session's sync step 2).
    const offline = new Y.Doc();
    offline.getText("t").insert(0, "word ".repeat(4000));
    for (let i = 0; i < 1500; i++) offline.getText("t").format(i * 13, 5, { bold: i % 2 === 0 ? true : null, [`c${i % 7}`]: true });
    const writer = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await writer.opened;
    writer.send(updateFrame(Y.encodeStateAsUpdate(offline)));
    await waitFor(() => b.doc.getText("t").length === 20_000, 20_000, "offline formatting accepted");
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
    writer.ws.close();
    a.doc.getText("t").insert(0, "bold words");
    a.doc.getText("t").format(0, 4, { bold: true });
    await waitFor(() => JSON.stringify(b.doc.getText("t").toDelta()) === JSON.stringify(a.doc.getText("t").toDelta()), 10_000, "format sync");
    expect(a.closes).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it("a delete that overtakes its insert (two tabs, BroadcastChannel) is held until the insert arrives", async () => {
    const doc = "w0000000018/d0000000006";
    const [watcher] = await pair(doc);
    // Tab A writes; tab B got A's text over BroadcastChannel and deletes part of it.
    const tabA = new Y.Doc();
    const inserts: Uint8Array[] = [];
    tabA.on("update", (u: Uint8Array) => inserts.push(u));
    tabA.getText("t").insert(0, "typed in tab A");
    const tabB = new Y.Doc();
    Y.applyUpdate(tabB, inserts[0] as Uint8Array);
    const deletes: Uint8Array[] = [];
    tabB.on("update", (u: Uint8Array) => deletes.push(u));
    tabB.getText("t").delete(0, 6);
    const socketB = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    const socketA = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await Promise.all([socketA.opened, socketB.opened]);
    socketB.send(updateFrame(deletes[0] as Uint8Array)); // the delete overtakes...
    await new Promise((r) => setTimeout(r, 100));
    socketA.send(updateFrame(inserts[0] as Uint8Array)); // ...the insert it deletes
    await waitFor(() => watcher.doc.getText("t").toString() === "in tab A", 10_000, "both applied");
    expect(socketB.ws.readyState).toBe(socketB.ws.OPEN);
    expect(storedDoc(relay.dataDir, doc).getText("t").toString()).toBe("in tab A");
    socketA.ws.close();
    socketB.ws.close();
    watcher.destroy();
  });

  it("an honest delete of text received from others and of one's own new text is accepted", async () => {
    const doc = "w0000000018/d0000000003";
    const [a, b] = await pair(doc);
    a.doc.getText("t").insert(0, "from a ");
    await waitFor(() => b.doc.getText("t").toString() === "from a ", 10_000, "a's text");
    b.doc.transact(() => {
      b.doc.getText("t").insert(7, "typed and deleted in one go");
      b.doc.getText("t").delete(0, 20);
    });
    await waitFor(() => a.doc.getText("t").toString() === b.doc.getText("t").toString(), 10_000, "converge");
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it("F3: equivocating resends (same ids, other content) lose no honest edit across a restart", async () => {
    const doc = "w0000000018/d0000000004";
    const token = relay.token({ doc, role: "editor" });
    const honest = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(honest.provider);
    honest.doc.get("root", Y.XmlText).insert(0, "honest start ");
    // Same 4 structs of one client; one origin-clock byte differs (fuzzer seed 31337, minimized).
    const hostile = openRaw(relay.syncUrl, doc, token);
    await hostile.opened;
    for (const hex of [
      "0104bda9abb60600040104726f6f74017384bda9abb60600023020c4bda9abb60000bda9abb606010373312004010174017800",
      "0104bda9abb60600040104726f6f74017384bda9abb60600023020c4bda9abb60600bda9abb606010373312004010174017800",
    ]) {
      hostile.send(updateFrame(new Uint8Array(Buffer.from(hex, "hex"))));
    }
    const text = honest.doc.get("root", Y.XmlText);
    await waitFor(() => text.length > "honest start ".length, 10_000, "hostile text");
    for (let at = 0; at <= text.length; at += 2) text.insert(at, "H");
    text.insert(text.length, " honest end");
    await waitFor(() => Y.getState(storedDoc(relay.dataDir, doc).store, honest.doc.clientID) === Y.getState(honest.doc.store, honest.doc.clientID), 10_000, "stored");
    hostile.ws.close();
    await relay.restart(); // SIGTERM, then the doc is rebuilt from its rows
    const reader = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await waitSynced(reader.provider);
    // Nothing the honest client holds is missing: merging its state into the reader's
    // changes nothing. (The hostile structs are malformed, so replicas may order *them*
    // differently; no honest edit is lost.)
    const before = reader.doc.get("root", Y.XmlText).toString();
    expect(before).toContain("honest start".split("").join("H"));
    expect(before).toContain(" honest end");
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(honest.doc));
    expect(reader.doc.get("root", Y.XmlText).toString()).toBe(before);
    honest.destroy();
    reader.destroy();
  });
});
