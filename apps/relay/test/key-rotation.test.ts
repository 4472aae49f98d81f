/**
 * Key rotation (`token --rotate-key`): the running relay signs its next token with the new
 * key, tokens signed with the old key keep working (sockets and refresh) until they expire,
 * and the JWKS lists both. The key ring file stays 0600 through the rewrite.
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { openRaw, RELAY_MAIN, useRelay } from "@quire/testkit";

const DOC = "wkeyrotate1/d1";
const TOKEN_CLI = resolve(RELAY_MAIN, "../token-cli.js");
const relay = useRelay();

function kidOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString()) as { kid: string }).kid;
}

async function opens(token: string): Promise<void> {
  const socket = openRaw(relay.syncUrl, DOC, token);
  await socket.opened;
  // Authorized sockets get the relay's sync step 1; refused ones a permission-denied and a close.
  const first = await Promise.race([socket.closed.then((c) => `closed ${c.code} ${c.reason}`), new Promise<string>((r) => setTimeout(() => r("open"), 500))]);
  socket.ws.close();
  expect(first).toBe("open");
}

describe("signing key rotation", () => {
  it("the key ring file is 0600 in a 0700 data dir", () => {
    expect(statSync(join(relay.dataDir, "token-keys.json")).mode & 0o777).toBe(0o600);
    expect(statSync(relay.dataDir).mode & 0o777).toBe(0o700);
  });

  it("after --rotate-key an old token still works and new tokens carry the new kid", async () => {
    const created = await fetch(`${relay.httpUrl}/api/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workspaceName: "Rotation", userName: "Owner" }),
    });
    const before = ((await created.json()) as { token: string }).token;
    const oldKid = kidOf(before);

    const newKid = execFileSync(process.execPath, [TOKEN_CLI, "--rotate-key", "--data-dir", relay.dataDir], { encoding: "utf8" }).trim();
    expect(newKid).not.toBe(oldKid);
    expect(statSync(join(relay.dataDir, "token-keys.json")).mode & 0o777).toBe(0o600);

    // The running relay signs with the new key from its next token (no restart).
    const refreshed = await fetch(`${relay.httpUrl}/api/token/refresh`, { method: "POST", headers: { authorization: `Bearer ${before}` } });
    expect(refreshed.status).toBe(200);
    const after = ((await refreshed.json()) as { token: string }).token;
    expect(kidOf(after)).toBe(newKid);
    expect(kidOf(relay.token({ doc: DOC }))).toBe(newKid);

    // Both keys verify, on sockets and over HTTP.
    await opens(relay.token({ doc: DOC })); // new key
    const oldDocToken = before; // a workspace token from before the rotation
    const workspaceId = (JSON.parse(Buffer.from(oldDocToken.split(".")[1] as string, "base64url").toString()) as { workspace: string }).workspace;
    const read = await fetch(`${relay.httpUrl}/api/workspaces/${workspaceId}`, { headers: { authorization: `Bearer ${oldDocToken}` } });
    expect(read.status).toBe(200);
    const socket = openRaw(relay.syncUrl, `${workspaceId}/d1`, oldDocToken);
    await socket.opened;
    socket.ws.close();

    const jwks = await relay.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    // `token --jwks` prints the same set (to hand to another relay as a TRUSTED_JWKS file).
    const printed = JSON.parse(execFileSync(process.execPath, [TOKEN_CLI, "--jwks", "--data-dir", relay.dataDir], { encoding: "utf8" }));
    expect(printed).toEqual(jwks);

    // And after a restart too.
    await relay.restart();
    await opens(relay.token({ doc: DOC }));
    const again = openRaw(relay.syncUrl, `${workspaceId}/d1`, oldDocToken);
    await again.opened;
    again.ws.close();
  });
});
