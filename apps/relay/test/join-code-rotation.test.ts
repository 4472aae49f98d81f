/**
 * The owner can rotate a workspace's join codes (security finding S6: a removed member could
 * rejoin with the same code for ever). The old codes stop working at once, the new ones work,
 * and only the owner may rotate.
 */
import { describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";

const relay = useRelay();

// biome-ignore lint/suspicious/noExplicitAny: the tests assert on arbitrary response shapes
type Json = Record<string, any>;

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${relay.httpUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Json };
}

describe("join code rotation", () => {
  it("old codes stop working, new ones work, only the owner rotates", async () => {
    const created = await post("/api/workspaces", { workspaceName: "Rotation", userName: "Owner" });
    expect(created.status).toBe(201);
    const id = created.body.workspace.id as string;
    const old = created.body.joinCodes as { editor: string; viewer: string };
    const member = await post("/api/join", { code: old.editor, userName: "Member" });
    expect(member.status).toBe(200);

    const refused = await post(`/api/workspaces/${id}/join-codes`, {}, member.body.token as string);
    expect(refused.status).toBe(403);

    const rotated = await post(`/api/workspaces/${id}/join-codes`, {}, created.body.token as string);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.joinCodes as { editor: string; viewer: string };
    expect(fresh.editor).not.toBe(old.editor);
    expect(fresh.viewer).not.toBe(old.viewer);

    for (const code of [old.editor, old.viewer]) {
      expect((await post("/api/join", { code, userName: "Removed" })).status).toBe(404);
    }
    expect((await post("/api/join", { code: fresh.editor, userName: "New" })).body.role).toBe("editor");
    expect((await post("/api/join", { code: fresh.viewer, userName: "New" })).body.role).toBe("viewer");

    const read = await fetch(`${relay.httpUrl}/api/workspaces/${id}`, { headers: { authorization: `Bearer ${created.body.token}` } });
    expect(((await read.json()) as Json).joinCodes).toEqual(fresh);
  });
});
