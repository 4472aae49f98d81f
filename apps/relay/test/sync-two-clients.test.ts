import { describe, expect, it } from "vitest";
import { connectStockClient, type StockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";

const relay = useRelay();

async function converge(count: number, docName: string): Promise<StockClient[]> {
  const token = relay.token({ doc: docName, role: "editor" });
  const clients = Array.from({ length: count }, () => connectStockClient(relay.syncUrl, docName, token));
  await Promise.all(clients.map((c) => waitSynced(c.provider, 20_000)));
  // Every client types concurrently into the same text and map.
  clients.forEach((client, i) => {
    client.doc.getText("body").insert(0, `[${i}]`);
    client.doc.getMap("meta").set(`k${i}`, i);
  });
  const expectedLength = clients.reduce((n, _, i) => n + `[${i}]`.length, 0);
  await waitFor(
    () => clients.every((c) => c.doc.getText("body").length === expectedLength && c.doc.getMap("meta").size === count),
    30_000,
    `${count} clients to converge`,
  );
  const first = clients[0]?.doc.getText("body").toString();
  for (const client of clients) {
    expect(client.doc.getText("body").toString()).toBe(first);
    expect(client.doc.getMap("meta").toJSON()).toEqual(clients[0]?.doc.getMap("meta").toJSON());
  }
  return clients;
}

describe("stock y-websocket clients sync through the relay", () => {
  it("two clients converge", async () => {
    const clients = await converge(2, "class7/essay");
    for (const c of clients) c.destroy();
  });

  it("twenty clients converge, and a late joiner gets everything", async () => {
    const clients = await converge(20, "class7/poster");
    const late = connectStockClient(relay.syncUrl, "class7/poster", relay.token({ doc: "class7/poster", role: "editor" }));
    await waitSynced(late.provider);
    await waitFor(() => late.doc.getText("body").toString() === clients[0]?.doc.getText("body").toString(), 10_000, "late joiner");
    for (const c of [...clients, late]) c.destroy();
  });
});
