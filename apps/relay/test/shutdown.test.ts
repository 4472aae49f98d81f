import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { storedDoc, connectStockClient, type RelayProcess, useRelays, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000010/d0000000001";
const relays = useRelays();
let relay: RelayProcess | undefined;

describe("clean shutdown", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("%s closes sockets with 1001, exits 0, and leaves every update on disk", async (signal) => {
    await relay?.stop({ removeData: true });
    relay = await relays.start();
    const token = relay.token({ doc: DOC, role: "editor" });
    const a = connectStockClient(relay.syncUrl, DOC, token);
    const b = connectStockClient(relay.syncUrl, DOC, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    for (let i = 0; i < 50; i++) a.doc.getText("body").insert(0, `${i} `);
    const expected = a.doc.getText("body").toString();
    await waitFor(() => b.doc.getText("body").toString() === expected, 10_000, "B in sync");

    const code = await relay.kill(signal);
    expect(code).toBe(0);
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 10_000, "close events");
    expect(a.closes[0]).toEqual({ code: CloseCode.GoingAway, reason: "relay shutting down" });
    expect(b.closes[0]?.code).toBe(CloseCode.GoingAway);
    a.destroy();
    b.destroy();
    // Read the file directly: the WAL was checkpointed and the doc is complete.
    expect(storedDoc(relay.dataDir, DOC).getText("body").toString()).toBe(expected);
    expect(relay.output).not.toMatch(/"level":"error"/);
  });
});
