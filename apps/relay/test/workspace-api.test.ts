import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, useRelay, waitFor, waitSynced } from "@quire/testkit";

const relay = useRelay({ env: { API_REQUESTS_PER_MINUTE: "30" } });

/** JSON as the tests read it: deep property access on API responses. */
// biome-ignore lint/suspicious/noExplicitAny: the tests assert on arbitrary response shapes
type Json = Record<string, any>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${relay.httpUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function get(path: string, token: string) {
  const response = await fetch(`${relay.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Json };
}

describe("workspace API", () => {
  let created: Json;

  it("creates a workspace: owner token, join codes", async () => {
    const r = await post("/api/workspaces", { workspaceName: "  Biology 7B  ", userName: "Ann" });
    expect(r.status).toBe(201);
    created = r.body;
    expect(created.workspace.id).toMatch(/^w[a-z0-9]{10}$/);
    expect(created.workspace.name).toBe("Biology 7B");
    expect(created).toMatchObject({ role: "editor", owner: true, user: { name: "Ann" } });
    expect(created.joinCodes.editor).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(created.joinCodes.viewer).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(created.expiresAt).toBeGreaterThan(Date.now());
  });

  it("the owner token opens every doc of the workspace and no other", async () => {
    const id = created.workspace.id as string;
    const client = connectStockClient(relay.syncUrl, `${id}/index`, created.token);
    await waitSynced(client.provider);
    client.destroy();
    const other = openRaw(relay.syncUrl, "wzzzzzzzzzz/index", created.token);
    expect((await other.closed).code).toBe(CloseCode.Forbidden);
  });

  it("joins with editor and viewer codes (any case, with or without the dash)", async () => {
    const editorCode = (created.joinCodes.editor as string).toLowerCase().replace("-", "");
    const editor = await post("/api/join", { code: editorCode, userName: "Ben" });
    expect(editor.status).toBe(200);
    expect(editor.body).toMatchObject({ workspace: created.workspace, role: "editor", owner: false, user: { name: "Ben" } });
    const viewer = await post("/api/join", { code: ` ${created.joinCodes.viewer} `, userName: "Ms Cole" });
    expect(viewer.body.role).toBe("viewer");
    // The viewer's token is read-only on the workspace's docs.
    const id = created.workspace.id as string;
    const docName = `${id}/d0000000001`;
    const writer = connectStockClient(relay.syncUrl, docName, editor.body.token);
    const reader = connectStockClient(relay.syncUrl, docName, viewer.body.token);
    await Promise.all([waitSynced(writer.provider), waitSynced(reader.provider)]);
    reader.doc.getText("t").insert(0, "nope");
    writer.doc.getText("t").insert(0, "yes");
    await waitFor(() => reader.doc.getText("t").toString().includes("yes"), 10_000, "editor text at viewer");
    const fresh = connectStockClient(relay.syncUrl, docName, editor.body.token);
    await waitSynced(fresh.provider);
    expect(fresh.doc.getText("t").toString()).toBe("yes");
    for (const c of [writer, reader, fresh]) c.destroy();
  });

  it("unknown codes → 404, bad bodies → 400, oversized → 413", async () => {
    expect((await post("/api/join", { code: "AAAA-AAAA", userName: "X" })).status).toBe(404);
    const missing = await post("/api/workspaces", { workspaceName: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({ code: "bad_request", message: expect.stringMatching(/userName/) });
    expect((await post("/api/workspaces", { workspaceName: "x".repeat(81), userName: "A" })).status).toBe(400);
    expect((await post("/api/workspaces", { workspaceName: "   ", userName: "A" })).status).toBe(400);
    expect((await post("/api/workspaces", "not json")).status).toBe(400);
    expect((await post("/api/workspaces", [1, 2])).status).toBe(400);
    const big = await post("/api/workspaces", { workspaceName: "x".repeat(20_000), userName: "A" });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("too_large");
  });

  it("reads a workspace: owner sees join codes, members do not", async () => {
    const id = created.workspace.id as string;
    const owner = await get(`/api/workspaces/${id}`, created.token);
    expect(owner.status).toBe(200);
    // classRole (issue 13) is additive: the owner is the class's teacher.
    expect(owner.body).toEqual({ workspace: created.workspace, role: "editor", classRole: "teacher", owner: true, joinCodes: created.joinCodes });
    const member = await post("/api/join", { code: created.joinCodes.viewer, userName: "Dee" });
    const asMember = await get(`/api/workspaces/${id}`, member.body.token);
    expect(asMember.body).toEqual({ workspace: created.workspace, role: "viewer", classRole: "viewer", owner: false });
    expect((await get(`/api/workspaces/${id}`, "garbage")).status).toBe(401);
    expect((await get("/api/workspaces/wzzzzzzzzzz", created.token)).status).toBe(403);
  });

  it("refreshes a token (also shortly after expiry) with the same claims", async () => {
    const r = await post("/api/token/refresh", {}, { authorization: `Bearer ${created.token}` });
    expect(r.status).toBe(200);
    expect(r.body.expiresAt).toBeGreaterThanOrEqual(created.expiresAt);
    const claims = JSON.parse(Buffer.from((r.body.token as string).split(".")[1] as string, "base64url").toString());
    expect(claims).toMatchObject({ workspace: created.workspace.id, role: "editor", name: "Ann", sub: created.user.id });

    const expired = relay.token({ workspace: "w0000000012", role: "viewer", now: Math.floor(Date.now() / 1000) - 10 * 86400, ttlSeconds: 60 });
    expect((await post("/api/token/refresh", {}, { authorization: `Bearer ${expired}` })).status).toBe(200);
    const tooOld = relay.token({ workspace: "w0000000012", role: "viewer", now: Math.floor(Date.now() / 1000) - 40 * 86400, ttlSeconds: 60 });
    expect((await post("/api/token/refresh", {}, { authorization: `Bearer ${tooOld}` })).status).toBe(401);
    expect((await post("/api/token/refresh", {})).status).toBe(401);
  });

  it("rate-limits POST /api/* per IP (429)", async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await post("/api/join", { code: "BBBB-BBBB", userName: "X" })).status;
    expect(status).toBe(429);
    // GETs and the sync endpoint are not affected.
    expect((await relay.healthz()).status).toBe("ok");
  });
});
