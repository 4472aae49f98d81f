/**
 * Malformed and hostile HTTP API requests get a clear JSON error ({error:{code,message}})
 * with a 4xx status, never a 500 or a crash; POST floods from one address are rate-limited
 * (429) while other addresses go on; stored workspaces are untouched.
 */
import { useRelay } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { httpRequest } from "@quire/testkit";

let addressNo = 10;
/** Each case gets its own source address so the rate limit never masks the answer. */
const nextAddress = () => `127.0.3.${addressNo++}`;
const JSON_HEADERS = { "content-type": "application/json" };

const relay = useRelay({ env: { API_REQUESTS_PER_MINUTE: "20" } });

function expectApiError(result: { status: number; json: unknown; text: string }, statuses: number[]): void {
  expect(statuses, `status ${result.status}: ${result.text.slice(0, 200)}`).toContain(result.status);
  const error = (result.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, result.text.slice(0, 200)).toBe("string");
  expect(typeof error?.message).toBe("string");
  expect(String(error?.message ?? "").length).toBeGreaterThan(0);
}

describe("malformed bodies", () => {
  const deep = `${"[".repeat(100_00)}${"]".repeat(100_00)}`;
  it.each([
    ["not JSON", "workspaces", "{workspaceName:"],
    ["JSON array", "workspaces", "[1,2,3]"],
    ["JSON null", "workspaces", "null"],
    ["missing fields", "workspaces", "{}"],
    ["wrong types", "workspaces", '{"workspaceName":42,"userName":["x"]}'],
    ["empty after trim", "workspaces", '{"workspaceName":"   ","userName":"a"}'],
    ["81-character name", "workspaces", JSON.stringify({ workspaceName: "x".repeat(81), userName: "a" })],
    ["control characters", "workspaces", JSON.stringify({ workspaceName: "a\u0000b", userName: "a" })],
    ["deeply nested", "workspaces", deep],
    ["prototype pollution", "workspaces", '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
    ["join: SQL in code", "join", JSON.stringify({ code: "' OR 1=1 --", userName: "a" })],
    ["join: unknown code", "join", JSON.stringify({ code: "ZZZZ-ZZZZ", userName: "a" })],
    ["join: code of wrong type", "join", '{"code":{"$ne":null},"userName":"a"}'],
  ])("%s → 4xx JSON error", async (_label, endpoint, body) => {
    const result = await httpRequest(relay.port, "POST", `/api/${endpoint}`, { body, headers: JSON_HEADERS, localAddress: nextAddress() });
    expectApiError(result, [400, 404, 413]);
  });

  it("a 1 MiB body → 413", async () => {
    const body = JSON.stringify({ workspaceName: "x".repeat(1024 * 1024), userName: "a" });
    const result = await httpRequest(relay.port, "POST", "/api/workspaces", { body, headers: JSON_HEADERS, localAddress: nextAddress() });
    expectApiError(result, [413]);
  });

  it.each([
    ["no header", {}],
    ["garbage bearer", { authorization: "Bearer ....." }],
    ["wrong scheme", { authorization: "Basic YWRtaW46YWRtaW4=" }],
    ["oversized token", { authorization: `Bearer ${"a".repeat(8000)}.b` }],
  ])("refresh with %s → 401", async (_label, headers) => {
    const result = await httpRequest(relay.port, "POST", "/api/token/refresh", { headers, localAddress: nextAddress() });
    expectApiError(result, [400, 401]);
  });

  it("reading another workspace, or a traversal id, is refused", async () => {
    const created = await httpRequest(relay.port, "POST", "/api/workspaces", {
      body: JSON.stringify({ workspaceName: "Class 7b", userName: "Ada" }),
      headers: JSON_HEADERS,
      localAddress: nextAddress(),
    });
    expect(created.status).toBe(201);
    const { token } = created.json as { token: string };
    for (const path of ["/api/workspaces/wzzzzzzzzzz", "/api/workspaces/..%2F..%2Fetc", "/api/workspaces/%00"]) {
      const result = await httpRequest(relay.port, "GET", path, { headers: { authorization: `Bearer ${token}` } });
      expectApiError(result, [400, 403, 404]);
    }
  });
});

describe("rate limit", () => {
  it("a POST flood from one address gets 429 with Retry-After; another address is served", async () => {
    const flooder = "127.0.4.1";
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const result = await httpRequest(relay.port, "POST", "/api/join", {
        body: JSON.stringify({ code: `AAAA-AA${String(i).padStart(2, "0")}`, userName: "guess" }),
        headers: JSON_HEADERS,
        localAddress: flooder,
      });
      statuses.push(result.status);
      if (result.status === 429) {
        expectApiError(result, [429]);
        expect(result.headers["retry-after"]).toBeDefined();
      }
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const other = await httpRequest(relay.port, "POST", "/api/workspaces", {
      body: JSON.stringify({ workspaceName: "Other class", userName: "Bo" }),
      headers: JSON_HEADERS,
      localAddress: "127.0.4.2",
    });
    expect(other.status).toBe(201);
    expect((await relay.healthz()).status).toBe("ok");
  });
});
