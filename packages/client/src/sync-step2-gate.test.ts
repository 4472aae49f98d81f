/**
 * Live updates wait for this socket's sync step 2 (sync-step2-gate.ts), over a real relay.
 * The exact interleaving of offline-convergence seed 846595: text typed offline sits only in the
 * device copy; after a reload the socket opens and, before the relay's sync step 1 arrives, the
 * student deletes some of that text. Sent at once, that delete reached the relay ahead of the
 * step 2 carrying the text; the relay held it (and the step 2 behind it) and closed with 4400.
 */
import "fake-indexeddb/auto";
import { CloseCode } from "@quire/core";
import { readWithStockClient, useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { DocReplica } from "./DocReplica.ts";
import { createDevice, type Device, eventually } from "./test-devices.ts";

// A short hold, so a refusal shows within the test; the rule itself is unchanged.
const relay = useRelay({ env: { HELD_UPDATE_GRACE_MS: "1000" } });

describe("live updates wait for the socket's sync step 2", () => {
  it("a delete of offline text made as the socket opens is saved, not refused with 4400", async () => {
    const docName = "wtestgatexx/d0000000001";
    const token = relay.token({ workspace: "wtestgatexx" });
    const device: Device = createDevice();
    const open = () =>
      new DocReplica({ docName, relayUrl: relay.syncUrl, token, start: true, disableBc: true, indexedDB: device.indexedDB, WebSocketPolyfill: device.WebSocketPolyfill });

    const offline = open();
    offline.goOffline();
    await offline.whenLoaded;
    offline.doc.getText("t").insert(0, "hello world");
    await offline.close(); // reload: the text is only on the device

    const reloaded = open();
    let deleted = false;
    reloaded.provider.on("status", ({ status }: { status: string }) => {
      if (status !== "connected" || deleted) return;
      deleted = true;
      // The socket is open; the relay has not answered yet, so it has not seen "hello world".
      reloaded.doc.getText("t").delete(0, 6);
    });
    try {
      await eventually(() => deleted && reloaded.saveState().relay === "saved", "the reloaded device saved on the relay", 10_000);
      expect(reloaded.lastCloseCode).not.toBe(CloseCode.BadMessage);
      expect(reloaded.doc.getText("t").toString()).toBe("world");
      expect(await readWithStockClient(relay.syncUrl, docName, token, (doc) => doc.getText("t").toString(), 10_000)).toBe("world");
    } finally {
      await reloaded.close();
    }
  });
});
