import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { connectStockClient, waitSynced } from "./stock-client.ts";
import { useRelay, useRelays } from "./use-relay.ts";

// A relay process start takes seconds on a loaded 2-core machine.
const SLOW = 60_000;
const dataDirs: string[] = [];

describe("useRelay", () => {
  const relay = useRelay({ env: { UNLOAD_DELAY_MS: "200" } });

  it(
    "starts a real relay whose URLs and tokens work, and restarts it on the same port and data",
    async () => {
      dataDirs.push(relay.dataDir);
      expect(relay.syncUrl).toBe(`ws://127.0.0.1:${relay.port}/sync`);
      expect((await relay.healthz()).status).toBe("ok");
      const doc = "w0000000001/d0000000001";
      const writer = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
      await waitSynced(writer.provider);
      writer.doc.getText("body").insert(0, "kept");
      await new Promise((r) => setTimeout(r, 300));
      writer.destroy();
      const port = relay.port;
      await relay.restart();
      expect(relay.port).toBe(port);
      const reader = connectStockClient(relay.syncUrl, doc, relay.token({ doc, role: "editor" }));
      await waitSynced(reader.provider);
      expect(reader.doc.getText("body").toString()).toBe("kept");
      reader.destroy();
    },
    SLOW,
  );
});

describe("useRelays", () => {
  const relays = useRelays();
  it(
    "starts relays on demand",
    async () => {
      const a = await relays.start();
      const b = await relays.start();
      dataDirs.push(a.dataDir, b.dataDir);
      expect(a.port).not.toBe(b.port);
    },
    SLOW,
  );
});

// Registered last at file level, so it runs after both describes' fixtures stopped.
afterAll(() => {
  expect(dataDirs).toHaveLength(3);
  for (const dir of dataDirs) expect(existsSync(dir), `${dir} removed`).toBe(false);
});
