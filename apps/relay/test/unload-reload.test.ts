import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000006/d0000000001";
const relay = useRelay({ env: { UNLOAD_DELAY_MS: "200", COMPACT_AFTER_UPDATES: "50" } });

async function loadedDocs(): Promise<string[]> {
  const health = await relay.healthz();
  return (health.docs as { name: string }[]).map((d) => d.name);
}

describe("idle docs unload and load again", () => {
  it("unloads after the last client leaves (per /healthz) and reloads with full content", async () => {
    const token = relay.token({ doc: DOC, role: "editor" });
    const writer = connectStockClient(relay.syncUrl, DOC, token);
    await waitSynced(writer.provider);
    const text = writer.doc.getText("body");
    for (let i = 0; i < 120; i++) text.insert(text.length, `line ${i}\n`);
    text.delete(0, 7);
    const expected = text.toString();
    await waitFor(async () => (await loadedDocs()).includes(DOC), 10_000, "doc loaded");
    // Another client has it: so it is stored.
    const reader = connectStockClient(relay.syncUrl, DOC, token);
    await waitFor(() => reader.doc.getText("body").toString() === expected, 10_000, "reader");
    writer.destroy();
    reader.destroy();
    await waitFor(async () => !(await loadedDocs()).includes(DOC), 10_000, "doc to unload");
    expect((await relay.healthz()).docsLoaded).toBe(0);

    const again = connectStockClient(relay.syncUrl, DOC, token);
    await waitSynced(again.provider);
    expect(again.doc.getText("body").toString()).toBe(expected);
    expect((await loadedDocs()).includes(DOC)).toBe(true);
    again.destroy();
  });

  it("a client that keeps reconnecting around the unload window loses nothing", async () => {
    const doc = "w0000000006/d0000000002";
    const token = relay.token({ doc, role: "editor" });
    const expected: string[] = [];
    for (let round = 0; round < 12; round++) {
      const client = connectStockClient(relay.syncUrl, doc, token);
      await waitSynced(client.provider);
      expect(client.doc.getArray<string>("log").toArray()).toEqual(expected);
      client.doc.getArray<string>("log").push([`round ${round}`]);
      expected.push(`round ${round}`);
      // Leave as soon as the edit is out; rejoin at varying points of the 200 ms unload delay.
      await waitFor(() => client.provider.ws?.bufferedAmount === 0, 5_000, "edit sent");
      client.destroy();
      await new Promise((r) => setTimeout(r, (round * 37) % 260));
    }
    const last = connectStockClient(relay.syncUrl, doc, token);
    await waitSynced(last.provider);
    expect(last.doc.getArray<string>("log").toArray()).toEqual(expected);
    last.destroy();
  });
});
