import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "@quire/core";
import { storedDoc, connectStockClient, openRaw, updateFrame, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000014/d0000000001";
  // A 160 KiB database cap stands in for a full disk: SQLite fails the write with SQLITE_FULL.
const relay = useRelay({ env: { STORAGE_MAX_BYTES: String(160 * 1024) } });

describe("storage refuses a write (SQLITE_FULL)", () => {
  it("closes that socket with 4507, stores nothing partial, broadcasts nothing; others go on", async () => {
    const token = relay.token({ doc: DOC, role: "editor" });
    const a = connectStockClient(relay.syncUrl, DOC, token);
    const b = connectStockClient(relay.syncUrl, DOC, token);
    await Promise.all([waitSynced(a.provider), waitSynced(b.provider)]);
    a.doc.getText("body").insert(0, "small note. ");
    await waitFor(() => b.doc.getText("body").toString() === "small note. ", 10_000, "small edit");

    const big = new Y.Doc();
    big.getText("huge").insert(0, "z".repeat(200 * 1024));
    const writer = openRaw(relay.syncUrl, DOC, token);
    await writer.opened;
    writer.send(updateFrame(Y.encodeStateAsUpdate(big)));
    const closed = await writer.closed;
    expect(closed.code).toBe(CloseCode.StorageFull);
    expect(closed.reason).toMatch(/storage full/);

    a.doc.getText("body").insert(0, "after. ");
    await waitFor(() => b.doc.getText("body").toString() === "after. small note. ", 10_000, "sync after the refusal");
    expect(b.doc.getText("huge").length).toBe(0);
    expect(a.doc.getText("huge").length).toBe(0);
    const stored = storedDoc(relay.dataDir, DOC);
    expect(stored.getText("huge").length).toBe(0);
    expect(stored.getText("body").toString()).toBe("after. small note. ");
    expect((await relay.healthz()).status).toBe("ok");
    a.destroy();
    b.destroy();
  });
});
