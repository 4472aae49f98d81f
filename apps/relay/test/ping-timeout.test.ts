import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { connectStockClient, useRelay, waitSynced } from "@quire/testkit";

const DOC = "w0000000016/d0000000001";
const relay = useRelay({ env: { PING_INTERVAL_MS: "2000" } });

describe("ping/pong", () => {
  it("terminates a socket that stops answering pings; answering sockets stay", async () => {
    const token = relay.token({ doc: DOC, role: "editor" });
    const healthy = connectStockClient(relay.syncUrl, DOC, token);
    await waitSynced(healthy.provider);
    // autoPong: false makes this socket ignore pings, like a peer whose network vanished.
    const silent = new WebSocket(`${relay.syncUrl}/${DOC}?token=${token}`, { autoPong: false });
    let pings = 0;
    silent.on("ping", () => pings++);
    const closed = await new Promise<number>((resolve) => silent.on("close", (code) => resolve(code)));
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(closed).toBe(1006);
    expect(healthy.provider.wsconnected).toBe(true);
    expect(healthy.closes).toHaveLength(0);
    healthy.destroy();
  });
});
