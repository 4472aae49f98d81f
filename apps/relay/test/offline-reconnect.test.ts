import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000004/d0000000001";
const relay = useRelay();

describe("offline edits", () => {
  it("a client offline with local edits reconnects and both sides converge", async () => {
    const token = relay.token({ doc: DOC, role: "editor" });
    const a = connectStockClient(relay.syncUrl, DOC, token);
    const b = connectStockClient(relay.syncUrl, DOC, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    a.doc.getText("body").insert(0, "shared start. ");
    await waitFor(() => b.doc.getText("body").length > 0, 10_000, "initial sync");

    a.provider.disconnect();
    a.doc.getText("body").insert(a.doc.getText("body").length, "offline paragraph. ");
    a.doc.getText("body").delete(0, 7);
    b.doc.getText("body").insert(0, "online edit. ");
    // While A is offline it must not see B's edit, and B must not see A's.
    await new Promise((r) => setTimeout(r, 200));
    expect(b.doc.getText("body").toString()).not.toContain("offline");

    a.provider.connect();
    await waitFor(
      () => a.doc.getText("body").toString() === b.doc.getText("body").toString() && a.doc.getText("body").toString().includes("offline"),
      10_000,
      "convergence after reconnect",
    );
    expect(a.doc.getText("body").toString()).toContain("online edit. ");
    expect(a.doc.getText("body").toString()).not.toContain("shared ");
    a.destroy();
    b.destroy();
  });
});
