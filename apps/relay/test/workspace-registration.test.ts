/**
 * PUT /api/workspaces/:id — a workspace created offline registers under the id its device
 * chose: new id → 201, the same device retrying → 200 with the same owner, anyone else (or an
 * id the relay already handed out) → 409; the id and key are validated at the boundary, and the
 * registration survives a relay restart.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connectStockClient, useRelay, waitFor, waitSynced } from "@quire/testkit";

const relay = useRelay({ env: { API_REQUESTS_PER_MINUTE: "40" } });

// biome-ignore lint/suspicious/noExplicitAny: the tests assert on arbitrary response shapes
type Json = Record<string, any>;

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${relay.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const newId = () => `w${randomBytes(8).toString("hex").slice(0, 10)}`;
const newKey = () => randomBytes(16).toString("base64url");

describe("registering a workspace created offline", () => {
  it("creates it under the device's id; the same device retrying gets the same workspace and owner", async () => {
    const id = newId();
    const key = newKey();
    const first = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Field trip", userName: "Ana", registrationKey: key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ workspace: { id, name: "Field trip" }, role: "editor", owner: true, user: { name: "Ana" } });
    expect(first.body.joinCodes.editor).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

    // The response was lost (the network dropped): the device sends the same request again.
    const retry = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Field trip", userName: "Ana", registrationKey: key });
    expect(retry.status).toBe(200);
    expect(retry.body.user.id).toBe(first.body.user.id);
    expect(retry.body.joinCodes).toEqual(first.body.joinCodes);

    // The token works for the workspace's docs, and the join code leads to this workspace.
    const client = connectStockClient(relay.syncUrl, `${id}/index`, retry.body.token);
    await waitSynced(client.provider);
    client.doc.getMap("docs").set("d0000000001", "x");
    const joined = await call("POST", "/api/join", { code: first.body.joinCodes.editor, userName: "Ben" });
    expect(joined.status).toBe(200);
    expect(joined.body.workspace).toEqual({ id, name: "Field trip" });
    const ben = connectStockClient(relay.syncUrl, `${id}/index`, joined.body.token);
    await waitFor(() => ben.doc.getMap("docs").get("d0000000001") === "x", 10_000, "Ana's index entry at Ben");
    client.destroy();
    ben.destroy();
  });

  it("refuses an id that exists: another key, or an id the relay handed out itself (no hijack)", async () => {
    const id = newId();
    const mine = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Ours", userName: "Ana", registrationKey: newKey() });
    expect(mine.status).toBe(201);
    const thief = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Ours", userName: "Eve", registrationKey: newKey() });
    expect(thief.status).toBe(409);
    expect(thief.body.error.code).toBe("workspace_exists");
    expect(thief.body.token).toBeUndefined();

    const created = await call("POST", "/api/workspaces", { workspaceName: "Made online", userName: "Cam" });
    expect(created.status).toBe(201);
    const taken = await call("PUT", `/api/workspaces/${created.body.workspace.id}`, {
      workspaceName: "Made online",
      userName: "Eve",
      registrationKey: newKey(),
    });
    expect(taken.status).toBe(409);
  });

  it("refuses the id of docs that exist without a workspace record (written with a CLI workspace token)", async () => {
    const id = newId();
    const cli = connectStockClient(relay.syncUrl, `${id}/d0000000001`, relay.token({ workspace: id, role: "editor", name: "Teacher" }));
    await waitSynced(cli.provider);
    cli.doc.getText("t").insert(0, "made with the token CLI");
    // The relay stores an update before anyone else receives it: once a reader has it, it is stored.
    const reader = connectStockClient(relay.syncUrl, `${id}/d0000000001`, relay.token({ workspace: id, role: "viewer" }));
    await waitFor(() => reader.doc.getText("t").toString() === "made with the token CLI", 10_000, "the doc stored");
    cli.destroy();
    reader.destroy();
    const claim = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Mine now", userName: "Eve", registrationKey: newKey() });
    expect(claim.status).toBe(409);
    expect(claim.body.token).toBeUndefined();
  });

  it("validates the id, names and key at the boundary", async () => {
    const key = newKey();
    for (const id of ["W0123456789", "w012345678", "w0123456789a", "w01234_6789", "wABCDEFGHIJ"]) {
      const r = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "x", userName: "y", registrationKey: key });
      expect(r.status, id).toBe(400);
    }
    const id = newId();
    for (const registrationKey of ["short", "a".repeat(65), "has spaces in it and is long enough", `${"a".repeat(21)}/`, 42]) {
      const r = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "x", userName: "y", registrationKey });
      expect(r.status, String(registrationKey)).toBe(400);
    }
    expect((await call("PUT", `/api/workspaces/${id}`, { workspaceName: "", userName: "y", registrationKey: key })).status).toBe(400);
    expect((await call("PUT", `/api/workspaces/${id}`, { workspaceName: "x", userName: "y".repeat(41), registrationKey: key })).status).toBe(
      400,
    );
    // Nothing was created by the refused attempts: the id is still free.
    expect((await call("PUT", `/api/workspaces/${id}`, { workspaceName: "x", userName: "y", registrationKey: key })).status).toBe(201);
  });

  it("remembers who registered an id across a relay restart", async () => {
    const id = newId();
    const key = newKey();
    const first = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Kept", userName: "Ana", registrationKey: key });
    expect(first.status).toBe(201);
    await relay.restart();
    const retry = await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Kept", userName: "Ana", registrationKey: key });
    expect(retry.status).toBe(200);
    expect(retry.body.user.id).toBe(first.body.user.id);
    expect((await call("PUT", `/api/workspaces/${id}`, { workspaceName: "Kept", userName: "Eve", registrationKey: newKey() })).status).toBe(409);
  });

  it("counts PUTs against the per-IP API rate limit", async () => {
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i++) {
      status = (await call("PUT", `/api/workspaces/${newId()}`, { workspaceName: "x", userName: "y", registrationKey: "bad" })).status;
    }
    expect(status).toBe(429);
  });
});
