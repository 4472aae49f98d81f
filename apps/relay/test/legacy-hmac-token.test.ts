/**
 * Upgrading a relay from HMAC tokens to JWTs keeps its users signed in: when the data dir
 * still has the old relay-secret.key, tokens signed with it keep verifying until they expire,
 * and refreshing one returns a JWT with the same token id (so revocation still covers it).
 * A data dir without the old secret refuses the old format.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { openRaw, RelayProcess } from "@quire/testkit";

const DOC = "wlegacytok1/d1";
const secret = randomBytes(32);
const parent = mkdtempSync(join(tmpdir(), "quire-legacy-"));
let upgraded: RelayProcess;

/** A token exactly as the pre-JWT relay signed it (apps/relay/src/auth/token.ts before issue 11). */
function legacyToken(key: Buffer, claims: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { v: 1, sub: "u_legacy", name: "Ana", role: "editor", workspace: "wlegacytok1", iat: now, auth_time: now, exp: now + 3600, jti: randomBytes(12).toString("base64url"), ...overrides };
}

async function closeOf(relay: RelayProcess, token: string): Promise<{ code: number; reason: string }> {
  const socket = openRaw(relay.syncUrl, DOC, token);
  const result = await Promise.race([socket.closed, new Promise<{ code: number; reason: string }>((r) => setTimeout(() => r({ code: 0, reason: "still open" }), 1_500))]);
  socket.ws.terminate();
  return result;
}

beforeAll(async () => {
  const dataDir = join(parent, "data");
  mkdirSync(dataDir, { mode: 0o700 });
  writeFileSync(join(dataDir, "relay-secret.key"), `${secret.toString("base64url")}\n`, { mode: 0o600 });
  upgraded = await RelayProcess.start({ dataDir });
});
afterAll(async () => {
  await upgraded?.stop();
  rmSync(parent, { recursive: true, force: true });
});

describe("tokens signed before the upgrade to JWTs", () => {
  it("keep opening documents until they expire", async () => {
    expect((await closeOf(upgraded, legacyToken(secret, claims()))).reason).toBe("still open");
    const expired = await closeOf(upgraded, legacyToken(secret, claims({ iat: 1_000, exp: 2_000 })));
    expect(expired.code).toBe(CloseCode.Unauthorized);
    expect(expired.reason).toMatch(/expired/);
  });

  it("refresh into a JWT with the same jti and auth_time", async () => {
    const old = claims();
    const response = await fetch(`${upgraded.httpUrl}/api/token/refresh`, { method: "POST", headers: { authorization: `Bearer ${legacyToken(secret, old)}` } });
    expect(response.status).toBe(200);
    const token = ((await response.json()) as { token: string }).token;
    expect(token.split(".")).toHaveLength(3);
    const fresh = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
    expect(fresh).toMatchObject({ jti: old.jti, auth_time: old.auth_time, sub: "u_legacy" });
  });

  it("are refused when signed with another secret, respelled, or shown to a relay without the old secret", async () => {
    const forged = await closeOf(upgraded, legacyToken(randomBytes(32), claims()));
    expect(forged.code).toBe(CloseCode.Unauthorized);
    expect(forged.reason).toMatch(/signature/);
    const padded = await closeOf(upgraded, `${legacyToken(secret, claims())}=`);
    expect(padded.code).toBe(CloseCode.Unauthorized);
    const fresh = await RelayProcess.start();
    try {
      const refused = await closeOf(fresh, legacyToken(secret, claims()));
      expect(refused.code).toBe(CloseCode.Unauthorized);
      expect(refused.reason).toMatch(/form/);
    } finally {
      await fresh.stop({ removeData: true });
    }
  });
});
