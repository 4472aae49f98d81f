import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { KeyRing, signToken } from "@quire/auth";
import { openRaw, permissionDeniedReason, useRelay } from "@quire/testkit";

const TOKEN_CLI = resolve(import.meta.dirname, "../dist/token-cli.js");
const DOC = "w0000000001/d0000000001";

const relay = useRelay();

async function refusal(token: string | undefined, doc = DOC) {
  const socket = openRaw(relay.syncUrl, doc, token);
  const closed = await socket.closed;
  const denied = socket.messages.map(permissionDeniedReason).find((r) => r !== null);
  return { ...closed, denied };
}

describe("tokens that do not grant the doc are refused with a clear reason", () => {
  it("missing token → 4401", async () => {
    const r = await refusal(undefined);
    expect(r.code).toBe(CloseCode.Unauthorized);
    expect(r.reason).toMatch(/no token/);
    expect(r.denied).toMatch(/no token/);
  });

  it("garbage token → 4401 malformed", async () => {
    const r = await refusal("not-a-token");
    expect(r.code).toBe(CloseCode.Unauthorized);
    expect(r.reason).toMatch(/form/);
  });

  it("expired token → 4401 expired", async () => {
    const token = relay.token({ doc: DOC, role: "editor", now: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 60 });
    const r = await refusal(token);
    expect(r.code).toBe(CloseCode.Unauthorized);
    expect(r.reason).toMatch(/expired/);
  });

  it("forged token (another key) → 4401 signature invalid", async () => {
    const forged = signToken(KeyRing.generate().signingKey, { name: "mallory", role: "editor", doc: DOC }).token;
    const r = await refusal(forged);
    expect(r.code).toBe(CloseCode.Unauthorized);
    expect(r.reason).toMatch(/signature/);
  });

  it("tampered claims (role edited) → 4401", async () => {
    const token = relay.token({ doc: DOC, role: "viewer" });
    const [header, body, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(body as string, "base64url").toString());
    claims.role = "editor";
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`;
    const r = await refusal(tampered);
    expect(r.code).toBe(CloseCode.Unauthorized);
  });

  it("token for another doc or workspace → 4403", async () => {
    const other = await refusal(relay.token({ doc: "w0000000001/d0000000002", role: "editor" }));
    expect(other.code).toBe(CloseCode.Forbidden);
    expect(other.reason).toMatch(/not w0000000001\/d0000000001/);
    const otherWorkspace = await refusal(relay.token({ workspace: "w0000000009", role: "editor" }));
    expect(otherWorkspace.code).toBe(CloseCode.Forbidden);
  });

  it("revoked token (token CLI --revoke) → 4403, while a workspace token still works", async () => {
    const token = relay.token({ workspace: "w0000000001", role: "editor" });
    const ok = openRaw(relay.syncUrl, DOC, token);
    await ok.opened;
    ok.ws.close();
    const jti = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()).jti as string;
    execFileSync(process.execPath, [TOKEN_CLI, "--revoke", jti, "--data-dir", relay.dataDir]);
    const r = await refusal(token);
    expect(r.code).toBe(CloseCode.Forbidden);
    expect(r.reason).toMatch(/revoked/);
  });

  it("bad doc names → 4404", async () => {
    const r = await refusal(relay.token({ doc: DOC, role: "editor" }), "w0000000001/.hidden");
    expect(r.code).toBe(CloseCode.BadDocName);
    expect(r.reason).toMatch(/document name/);
  });

  it("the token CLI prints a working token alone on stdout and fails clearly", () => {
    const token = execFileSync(process.execPath, [TOKEN_CLI, "--doc", DOC, "--role", "viewer", "--user", "Ann", "--data-dir", relay.dataDir], {
      encoding: "utf8",
    });
    expect(token.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(() =>
      execFileSync(process.execPath, [TOKEN_CLI, "--doc", DOC, "--role", "owner", "--user", "Ann"], { stdio: "pipe" }),
    ).toThrow(/--role must be editor or viewer/);
  });
});
