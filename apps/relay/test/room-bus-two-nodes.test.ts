/**
 * Two relay nodes in one process over one DATA_DIR, sharing one in-process room bus (issue 11,
 * item 2): stock y-websocket clients on different nodes see each other's edits and presence
 * live, and each update is stored once, by the node that received it.
 */
import { InProcessBus } from "@quire/bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessRelay, removeDataDir, startInProcessRelay, tokenFor } from "./in-process-relay.ts";
import { type StockClient, connectStockClient, storedRows, waitFor, waitSynced } from "@quire/testkit";

let a: InProcessRelay;
let b: InProcessRelay;
const clients: StockClient[] = [];

beforeAll(async () => {
  const bus = new InProcessBus();
  a = await startInProcessRelay({ bus: bus.node("relay-a") });
  b = await startInProcessRelay({ bus: bus.node("relay-b"), dataDir: a.dataDir });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await a?.close();
  await b?.close();
  if (a) removeDataDir(a.dataDir);
});

function connect(relay: InProcessRelay, doc: string, sub: string): StockClient {
  const client = connectStockClient(relay.syncUrl, doc, tokenFor(relay.dataDir, { doc, sub }));
  clients.push(client);
  return client;
}

describe("room bus across two relay nodes", () => {
  it("a client on node A sees a client's edit on node B live, and it is stored once", async () => {
    const doc = "class7/bus-essay";
    const onA = connect(a, doc, "ana");
    const onB = connect(b, doc, "ben");
    await Promise.all([waitSynced(onA.provider), waitSynced(onB.provider)]);
    onB.doc.getText("body").insert(0, "written on B");
    await waitFor(() => onA.doc.getText("body").toString() === "written on B", 10_000, "A to see B's edit");
    onA.doc.getText("body").insert(0, "A: ");
    await waitFor(() => onB.doc.getText("body").toString() === "A: written on B", 10_000, "B to see A's edit");
    // One row per edit: the receiving node stored it; the other only relayed it.
    await waitFor(() => storedRows(a.dataDir, doc).length === 2, 5_000, "two stored rows");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedRows(a.dataDir, doc)).toHaveLength(2);
  });

  it("presence set on node B reaches a client on node A, and its removal too", async () => {
    const doc = "class7/bus-presence";
    const onA = connect(a, doc, "ana");
    const onB = connect(b, doc, "ben");
    await Promise.all([waitSynced(onA.provider), waitSynced(onB.provider)]);
    onB.provider.awareness.setLocalStateField("user", { name: "ben", color: "#112233" });
    const benId = onB.doc.clientID;
    await waitFor(() => onA.provider.awareness.getStates().has(benId), 10_000, "A to see B's presence");
    onB.destroy();
    await waitFor(() => !onA.provider.awareness.getStates().has(benId), 10_000, "A to see B's presence removed");
  });

  it("each node keeps its own docs apart: an edit on another doc does not leak", async () => {
    const onA = connect(a, "class7/bus-one", "ana");
    const onB = connect(b, "class7/bus-two", "ben");
    const witness = connect(b, "class7/bus-one", "ben");
    await Promise.all([waitSynced(onA.provider), waitSynced(onB.provider), waitSynced(witness.provider)]);
    onB.doc.getText("body").insert(0, "only in two");
    onA.doc.getText("body").insert(0, "only in one");
    await waitFor(() => witness.doc.getText("body").toString() === "only in one", 10_000, "witness to see doc one");
    expect(onA.doc.getText("body").toString()).toBe("only in one");
  });
});
