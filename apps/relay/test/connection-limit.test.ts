import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000011/d0000000001";
const relay = useRelay({ env: { MAX_CONNECTIONS_PER_IP: "3" } });

describe("connections per IP", () => {
  it("refuses the connection over the limit with 4529 and accepts again once one leaves", async () => {
    const token = relay.token({ doc: DOC, role: "editor" });
    const clients = [0, 1, 2].map(() => connectStockClient(relay.syncUrl, DOC, token));
    await Promise.all(clients.map((c) => waitSynced(c.provider)));

    const extra = openRaw(relay.syncUrl, DOC, token);
    const closed = await extra.closed;
    expect(closed.code).toBe(CloseCode.TooManyConnections);
    expect(closed.reason).toMatch(/too many connections.*limit 3/);

    // The three admitted clients are unaffected.
    clients[0]?.doc.getText("t").insert(0, "still fine");
    await waitFor(() => clients.every((c) => c.doc.getText("t").toString() === "still fine"), 10_000, "sync");

    clients[2]?.destroy();
    await waitFor(async () => (await relay.healthz()).clients === 2, 10_000, "a slot to free up");
    const next = openRaw(relay.syncUrl, DOC, token);
    await next.opened;
    await waitFor(() => next.messages.length > 0, 10_000, "sync step 1 from the relay");
    expect(next.ws.readyState).toBe(next.ws.OPEN);
    next.ws.close();
    clients[0]?.destroy();
    clients[1]?.destroy();
  });
});
