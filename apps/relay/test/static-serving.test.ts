import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeWebApps, useRelays } from "@quire/testkit";

// Before the relays: after-hooks run in reverse, so the relays stop before their dirs go.
const webApps = useFakeWebApps();
const relays = useRelays();
const webDist = () => webApps({ "assets/app-abc123.js": "console.log('app');" });

describe("static web app", () => {
  it("serves files, falls back to index.html for app routes, and marks the shell no-cache", async () => {
    const relay = await relays.start({ env: { STATIC_DIR: webDist() } });
    const index = await fetch(`${relay.httpUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toMatch(/text\/html/);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(await index.text()).toContain("<title>Quire</title>");

    const route = await fetch(`${relay.httpUrl}/w0123456789/d0123456789`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>Quire</title>");

    const sw = await fetch(`${relay.httpUrl}/sw.js`);
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    expect(sw.headers.get("cache-control")).toBe("no-cache");

    const asset = await fetch(`${relay.httpUrl}/assets/app-abc123.js`);
    expect(await asset.text()).toBe("console.log('app');");
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);

    expect((await fetch(`${relay.httpUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${relay.httpUrl}/%2e%2e/%2e%2e/etc/passwd`)).status).not.toBe(500);
    const traversal = await (await fetch(`${relay.httpUrl}/..%2f..%2fetc%2fpasswd`)).text();
    expect(traversal).not.toMatch(/root:/);
    expect((await relay.healthz()).status).toBe("ok");
  });

  it("without a built app, answers with a page saying so", async () => {
    const relay = await relays.start({ env: { STATIC_DIR: join(tmpdir(), "quire-no-such-dist") } });
    const response = await fetch(`${relay.httpUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/web app is not built/);
  });
});
