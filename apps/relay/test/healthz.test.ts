import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RelayProcess, connectStockClient, waitFor, waitSynced } from "./testkit.ts";

let relay: RelayProcess;
beforeAll(async () => {
  relay = await RelayProcess.start();
});
afterAll(async () => {
  await relay?.stop({ removeData: true });
});

describe("GET /healthz", () => {
  it("reports status, version, loaded docs and connected clients", async () => {
    const empty = await relay.healthz();
    expect(empty).toMatchObject({ status: "ok", version: "0.1.0", docsLoaded: 0, clients: 0 });
    expect(typeof empty.uptimeSeconds).toBe("number");

    const clients = ["w0000000007/a", "w0000000007/a", "w0000000007/b"].map((doc) =>
      connectStockClient(relay.syncUrl, doc, relay.token({ workspace: "w0000000007", role: "editor" })),
    );
    await Promise.all(clients.map((c) => waitSynced(c.provider)));
    const busy = await relay.healthz();
    expect(busy.docsLoaded).toBe(2);
    expect(busy.clients).toBe(3);
    expect(busy.docs).toEqual(
      expect.arrayContaining([
        { name: "w0000000007/a", state: "ready", clients: 2 },
        { name: "w0000000007/b", state: "ready", clients: 1 },
      ]),
    );
    for (const c of clients) c.destroy();
    await waitFor(async () => (await relay.healthz()).clients === 0, 10_000, "clients to leave");
    const response = await fetch(`${relay.httpUrl}/healthz`);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
  });
});
