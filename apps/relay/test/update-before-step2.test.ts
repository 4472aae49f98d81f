/**
 * A stock y-websocket client sends live updates the moment its socket opens and its sync
 * step 2 only after the relay's step 1. A device that reloads after offline typing and at once
 * deletes some of that text sends the delete before the step 2 holding the text: the relay
 * held the delete and blocked the socket's later messages behind it — the step 2 included —
 * then closed the honest client with 4400 (found by packages/client's offline-convergence
 * fuzzer, seed 846595).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectStockClient, openRaw, syncStep2Frame, updateFrame, useRelay, waitSynced } from "@quire/testkit";

const relay = useRelay({ env: { HELD_UPDATE_GRACE_MS: "1000" } });

describe("an update that builds on the socket's own unsent sync step 2", () => {
  it("is applied once the step 2 arrives, and the socket stays open", async () => {
    const doc = "w0000000093/d0000000001";
    const device = new Y.Doc({ gc: false });
    device.getText("t").insert(0, "hello world");
    const before = Y.encodeStateVector(device);
    device.getText("t").delete(0, 6);
    const deleteOnly = Y.encodeStateAsUpdate(device, before);
    const raw = openRaw(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
    await raw.opened;
    raw.send(updateFrame(deleteOnly));
    raw.send(syncStep2Frame(Y.encodeStateAsUpdate(device)));
    const closed = await Promise.race([raw.closed, new Promise<null>((r) => setTimeout(() => r(null), 2_500))]);
    expect(closed).toBeNull();
    const reader = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "viewer" }));
    await waitSynced(reader.provider, 10_000);
    expect(reader.doc.getText("t").toString()).toBe("world");
    reader.destroy();
    raw.ws.close();
  }, 30_000);
});
