import { describe, expect, it } from "vitest";
import { connectStockClient } from "./stock-client.ts";

describe("stock clients", () => {
  it("share one process exit listener however many are open (no MaxListenersExceededWarning)", () => {
    const had = new Set(process.listeners("exit"));
    // The first client of the process adds the one shared listener.
    connectStockClient("ws://127.0.0.1:9", "w/one", undefined, { connect: false }).destroy();
    const added = process.listeners("exit").filter((listener) => !had.has(listener));
    expect(added).toHaveLength(1);
    const before = process.listenerCount("exit");
    const clients = Array.from({ length: 30 }, (_, i) => connectStockClient("ws://127.0.0.1:9", `w/doc${i}`, undefined, { connect: false }));
    expect(process.listenerCount("exit")).toBe(before);
    // Each live client's own handler (y-websocket clears its presence at exit) still runs.
    const [first] = clients;
    first?.provider.awareness.setLocalState({ name: "Ana" });
    (added[0] as () => void)();
    expect(first?.provider.awareness.getLocalState()).toBeNull();
    for (const client of clients) client.destroy();
    expect(process.listenerCount("exit")).toBe(before);
  });
});
