import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { connectStockClient, RelayProcess, useRelay, waitFor, waitSynced } from "@quire/testkit";

const TOKEN_CLI = resolve(import.meta.dirname, "../dist/token-cli.js");

const relay = useRelay();

describe("GET /healthz", () => {
  it("reports status, version, loaded docs and connected clients to the operator", async () => {
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

    // Issue 10 item 9: anyone may ask whether the relay is alive, but not which workspaces
    // and documents it holds or how busy it is.
    const anonymous = await fetch(`${relay.httpUrl}/healthz`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("content-type")).toMatch(/application\/json/);
    const text = await anonymous.text();
    expect(JSON.parse(text)).toEqual({ status: "ok", version: "0.1.0" });
    expect(text).not.toContain("w0000000007");
    const forged = await fetch(`${relay.httpUrl}/healthz`, { headers: { authorization: "Bearer not-the-operator-token" } });
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toContain("w0000000007");
    // A member's token is not the operator's.
    const member = relay.token({ workspace: "w0000000007", role: "editor" });
    const asMember = await fetch(`${relay.httpUrl}/healthz`, { headers: { authorization: `Bearer ${member}` } });
    expect(asMember.status).toBe(401);

    for (const c of clients) c.destroy();
    await waitFor(async () => (await relay.healthz()).clients === 0, 10_000, "clients to leave");
  });

  it("the token CLI prints the operator token the relay accepts", async () => {
    const printed = execFileSync(process.execPath, [TOKEN_CLI, "--operator", "--data-dir", relay.dataDir], { encoding: "utf8" }).trim();
    expect(printed.length).toBeGreaterThanOrEqual(32);
    const response = await fetch(`${relay.httpUrl}/healthz`, { headers: { authorization: `Bearer ${printed}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty("docs");
  });

  it("OPERATOR_TOKEN in the environment replaces the generated one", async () => {
    const configured = "operator-secret-from-the-environment-0123456789";
    const other = await RelayProcess.start({ env: { OPERATOR_TOKEN: configured } });
    try {
      const ok = await fetch(`${other.httpUrl}/healthz`, { headers: { authorization: `Bearer ${configured}` } });
      expect(await ok.json()).toHaveProperty("docsLoaded", 0);
      expect((await other.healthz()).docsLoaded).toBe(0);
      // The generated token is not in force when one is configured.
      const generated = await fetch(`${other.httpUrl}/healthz`, { headers: { authorization: "Bearer generated-is-not-it-0123456789abcdef" } });
      expect(generated.status).toBe(401);
    } finally {
      await other.stop({ removeData: true });
    }
  });
});
