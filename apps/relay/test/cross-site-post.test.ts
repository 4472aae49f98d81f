/**
 * A page on another site cannot make a visitor's browser create workspaces or join with a
 * code (security finding S7: a cross-site `text/plain` POST — a "simple" request that needs no
 * CORS preflight — created a workspace). API POSTs with a body must be `application/json`
 * (which a cross-site page can only send after a preflight the relay never grants), and a
 * request whose Origin is not the relay's own is refused.
 */
import { describe, expect, it } from "vitest";
import { httpRequest, useRelay } from "@quire/testkit";

const relay = useRelay();

const BODY = JSON.stringify({ workspaceName: "Cross-site", userName: "Victim" });

describe("cross-site API requests", () => {
  it.each([
    ["text/plain (a form or fetch without preflight)", { "content-type": "text/plain" }],
    ["application/x-www-form-urlencoded", { "content-type": "application/x-www-form-urlencoded" }],
    ["multipart/form-data", { "content-type": "multipart/form-data; boundary=x" }],
    ["no content type", {}],
  ])("a POST with %s is refused (415) and creates nothing", async (_label, headers) => {
    const result = await httpRequest(relay.port, "POST", "/api/workspaces", { body: BODY, headers });
    expect(result.status).toBe(415);
    expect((result.json as { error?: { code?: string } }).error?.code).toBe("unsupported_media_type");
  });

  it("a JSON POST from another site's page (Origin header) is refused (403)", async () => {
    const result = await httpRequest(relay.port, "POST", "/api/workspaces", {
      body: BODY,
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(result.status).toBe(403);
  });

  it("the relay's own page (same Origin) and non-browser clients (no Origin) still work", async () => {
    const same = await httpRequest(relay.port, "POST", "/api/workspaces", {
      body: BODY,
      headers: { "content-type": "application/json; charset=utf-8", origin: relay.httpUrl },
    });
    expect(same.status).toBe(201);
    const cli = await httpRequest(relay.port, "POST", "/api/workspaces", { body: BODY, headers: { "content-type": "application/json" } });
    expect(cli.status).toBe(201);
  });
});
