import { describe, expect, it } from "vitest";
import { connectStockClient, type RelayProcess, useRelays, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000003/d0000000001";
const relays = useRelays();
let relay: RelayProcess | undefined;

describe("crash durability", () => {
  it("after SIGKILL right after B received A's update, a fresh client gets everything", async () => {
    relay = await relays.start();
    const token = relay.token({ doc: DOC, role: "editor" });
    const a = connectStockClient(relay.syncUrl, DOC, token);
    const b = connectStockClient(relay.syncUrl, DOC, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    const text = a.doc.getText("body");
    // Many small updates, then the kill the instant B has the last one.
    for (let i = 0; i < 200; i++) text.insert(text.length, `${i % 10}`);
    a.doc.getMap("meta").set("title", "Lab report");
    text.delete(0, 10);
    const expected = text.toString();
    await waitFor(() => b.doc.getText("body").toString() === expected && b.doc.getMap("meta").get("title") === "Lab report", 10_000, "B to receive");
    await relay.kill("SIGKILL");
    a.destroy();
    b.destroy();

    await relay.restart();
    const fresh = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(fresh.provider);
    expect(fresh.doc.getText("body").toString()).toBe(expected);
    expect(fresh.doc.getMap("meta").get("title")).toBe("Lab report");
    fresh.destroy();
  });
});
