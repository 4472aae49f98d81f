/**
 * A user who overdraws the CPU budget (S1, 4530) with an honest update still gets that update
 * acknowledged before the close: it is saved, and a client that never hears so keeps it
 * "not saved" (found by the cold-join benchmark: a large doc's first upload was stored but
 * never acknowledged, bench/FINDINGS.md F9).
 */
import { CloseCode } from "@quire/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { WireClient, connectStockClient, useRelay, waitSynced } from "@quire/testkit";

// A budget any real commit overdraws: the first update spends it.
const relay = useRelay({ env: { CPU_BUDGET_MS: "1" } });

describe("CPU budget (4530)", () => {
  it("acknowledges the update that overdrew the budget before closing", async () => {
    const doc = "w0000000092/d0000000001";
    const token = relay.token({ doc, role: "editor" });
    const source = new Y.Doc({ gc: false });
    const text = source.getText("t");
    for (let i = 0; i < 400; i++) text.insert(text.length, `paragraph ${i} of an honest report. `);
    const client = new WireClient({ syncUrl: relay.syncUrl, docName: doc, token, doc: source, subscribeAcks: true });
    await client.connect();
    const want = Y.decodeStateVector(Y.encodeStateVector(source));
    const deadline = Date.now() + 20_000;
    while (client.closes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(client.closes[0]?.code).toBe(CloseCode.CpuBudgetExceeded);
    for (const [id, clock] of want) expect(client.acked.get(id) ?? 0).toBeGreaterThanOrEqual(clock);
    const reader = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "viewer" }));
    await waitSynced(reader.provider, 10_000);
    expect(reader.doc.getText("t").toString()).toBe(text.toString());
    reader.destroy();
  }, 60_000);
});
