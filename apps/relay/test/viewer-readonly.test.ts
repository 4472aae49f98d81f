import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedDoc, connectStockClient, openRaw, permissionDeniedReason, useRelay, waitFor, waitSynced } from "@quire/testkit";

const DOC = "w0000000002/d0000000001";

const relay = useRelay();

function storedText(): string {
  return storedDoc(relay.dataDir, DOC).getText("body").toString();
}

describe("viewer tokens are read-only", () => {
  it("viewer edits reach neither clients nor the database; editor edits still flow to the viewer", async () => {
    const editor = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor", name: "Eve" }));
    const other = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor", name: "Olu" }));
    const viewer = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "viewer", name: "Teacher" }));
    await Promise.all([editor, other, viewer].map((c) => waitSynced(c.provider)));

    viewer.doc.getText("body").insert(0, "VIEWER-EDIT ");
    editor.doc.getText("body").insert(0, "editor text");
    await waitFor(() => other.doc.getText("body").toString().includes("editor text"), 10_000, "editor edit at other");
    await waitFor(() => viewer.doc.getText("body").toString().includes("editor text"), 10_000, "editor edit at viewer");
    // A fresh client syncing after both edits is the proof the relay did not keep the viewer's.
    const fresh = connectStockClient(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "editor" }));
    await waitSynced(fresh.provider);
    expect(fresh.doc.getText("body").toString()).toBe("editor text");
    expect(other.doc.getText("body").toString()).toBe("editor text");
    expect(editor.doc.getText("body").toString()).toBe("editor text");
    expect(storedText()).toBe("editor text");
    expect(viewer.provider.wsconnected).toBe(true);
    for (const c of [editor, other, viewer, fresh]) c.destroy();
  });

  it("a viewer's update gets one permission-denied message and the socket stays open", async () => {
    const viewer = openRaw(relay.syncUrl, DOC, relay.token({ doc: DOC, role: "viewer" }));
    await viewer.opened;
    const scratch = new Y.Doc();
    const updates: Uint8Array[] = [];
    scratch.on("update", (u: Uint8Array) => updates.push(u));
    scratch.getText("body").insert(0, "x");
    scratch.getText("body").insert(0, "y");
    for (const update of updates) viewer.send(new Uint8Array([0, 2, ...lengthPrefixed(update)]));
    await waitFor(() => viewer.messages.some((m) => permissionDeniedReason(m) !== null), 10_000, "permission denied");
    const denials = viewer.messages.map(permissionDeniedReason).filter((r) => r !== null);
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatch(/viewer/);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    viewer.ws.close();
    expect(storedText()).toBe("editor text");
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.byteLength;
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}
