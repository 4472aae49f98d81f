/**
 * A relay publishes its public keys at /.well-known/jwks.json, and a second relay started
 * with only that JWKS (TRUSTED_JWKS: a URL or a file; its own, different data dir, no private
 * key of the first) accepts the first relay's tokens (issue 11). Tokens from a key neither
 * trusts are refused with the usual 4401 / HTTP 401.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { connectStockClient, openRaw, RelayProcess, waitFor, waitSynced } from "@quire/testkit";

const DOC = "wjwkstrust1/d1";
let issuer: RelayProcess;
let stranger: RelayProcess;
let byUrl: RelayProcess;
let byFile: RelayProcess;

beforeAll(async () => {
  [issuer, stranger] = await Promise.all([RelayProcess.start(), RelayProcess.start()]);
  const jwksFile = join(stranger.dataDir, "..", `issuer-jwks-${issuer.port}.json`);
  writeFileSync(jwksFile, JSON.stringify(await issuer.jwks()));
  [byUrl, byFile] = await Promise.all([
    RelayProcess.start({ env: { TRUSTED_JWKS: `${issuer.httpUrl}/.well-known/jwks.json` } }),
    RelayProcess.start({ env: { TRUSTED_JWKS: jwksFile } }),
  ]);
});
afterAll(async () => {
  await Promise.all([issuer, stranger, byUrl, byFile].map((relay) => relay?.stop({ removeData: true })));
});

function kidOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString()) as { kid: string }).kid;
}

async function closeOf(relay: RelayProcess, token: string): Promise<{ code: number; reason: string }> {
  const socket = openRaw(relay.syncUrl, DOC, token);
  const result = await Promise.race([socket.closed, new Promise<{ code: number; reason: string }>((r) => setTimeout(() => r({ code: 0, reason: "still open" }), 10_000))]);
  socket.ws.terminate();
  return result;
}

describe("JWKS publication and trust between relays", () => {
  it("publishes public Ed25519 keys only, as cacheable JSON", async () => {
    const response = await fetch(`${issuer.httpUrl}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    expect(jwks.keys[0]?.kid).toBe(kidOf(issuer.token({ doc: DOC })));
  });

  it.each([
    ["a URL", () => byUrl],
    ["a file", () => byFile],
  ])("a relay trusting the issuer's JWKS by %s syncs with the issuer's token; it holds no issuer private key", async (_label, relay) => {
    const verifier = relay();
    const issuerKid = kidOf(issuer.token({ doc: DOC }));
    // The verifier has a key ring of its own, without the issuer's key.
    expect(readFileSync(join(verifier.dataDir, "token-keys.json"), "utf8")).not.toContain(issuerKid);
    const writer = connectStockClient(verifier.syncUrl, DOC, issuer.token({ doc: DOC, role: "editor", name: "Ana" }));
    const reader = connectStockClient(verifier.syncUrl, DOC, issuer.token({ workspace: "wjwkstrust1", role: "viewer", name: "Ben" }));
    try {
      await Promise.all([waitSynced(writer.provider), waitSynced(reader.provider)]);
      writer.doc.getText("t").insert(0, "signed upstream");
      await waitFor(() => reader.doc.getText("t").toString() === "signed upstream", 10_000, "edit reaches the reader");
    } finally {
      writer.destroy();
      reader.destroy();
    }
    // Its own tokens still work too.
    const own = openRaw(verifier.syncUrl, DOC, verifier.token({ doc: DOC }));
    await own.opened;
    own.ws.close();
  });

  it("a token from a key nobody trusts is refused: 4401 on the socket, 401 over HTTP", async () => {
    const foreign = stranger.token({ doc: DOC, role: "editor", name: "mallory" });
    for (const relay of [issuer, byUrl, byFile]) {
      const closed = await closeOf(relay, foreign);
      expect(closed.code).toBe(CloseCode.Unauthorized);
      expect(closed.reason).toMatch(/signature/);
      const refresh = await fetch(`${relay.httpUrl}/api/token/refresh`, { method: "POST", headers: { authorization: `Bearer ${foreign}` } });
      expect(refresh.status).toBe(401);
    }
  });

  it("trust is one-way: the issuer refuses the verifier's own tokens", async () => {
    const closed = await closeOf(issuer, byUrl.token({ doc: DOC }));
    expect(closed.code).toBe(CloseCode.Unauthorized);
  });
});
