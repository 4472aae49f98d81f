import { createHmac, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyRing } from "./KeyRing.ts";
import { MAX_TOKEN_LENGTH } from "./limits.ts";
import { signToken } from "./sign-token.ts";
import { verifyToken } from "./verify-token.ts";

const ring = KeyRing.generate();
const resolve = (kid: string) => ring.publicKey(kid);
const DOC = "w0000000001/d1";
const now = () => Math.floor(Date.now() / 1000);

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** A token with any header and payload, really signed with the ring's current key. */
function craft(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), ring.signingKey.privateKey).toString("base64url")}`;
}

function validPayload(): Record<string, unknown> {
  return { ...signToken(ring.signingKey, { name: "Ana", role: "editor", doc: DOC }).claims };
}
const goodHeader = () => ({ alg: "EdDSA", typ: "JWT", kid: ring.signingKey.kid });

describe("verifyToken", () => {
  it("accepts a token it signed and returns its claims and kid", async () => {
    const { token, claims } = signToken(ring.signingKey, { name: "Ana", role: "viewer", workspace: "w0000000001" });
    const check = await verifyToken(token, resolve);
    expect(check).toEqual({ ok: true, claims, kid: ring.signingKey.kid });
  });

  it("a crafted token with the right header and claims verifies (the helper is honest)", async () => {
    expect((await verifyToken(craft(goodHeader(), validPayload()), resolve)).ok).toBe(true);
  });

  it.each<[string, () => string, string]>([
    ["alg none", () => `${b64({ alg: "none", typ: "JWT", kid: ring.signingKey.kid })}.${b64(validPayload())}.`, "malformed"],
    ["HS256 keyed with the public key", () => {
      const header = b64({ alg: "HS256", typ: "JWT", kid: ring.signingKey.kid });
      const input = `${header}.${b64(validPayload())}`;
      const x = ring.publicKey(ring.signingKey.kid)?.x as string;
      return `${input}.${createHmac("sha256", x).update(input).digest("base64url")}`;
    }, "malformed"],
    ["an unknown kid", () => craft({ ...goodHeader(), kid: "not-a-key-we-know" }, validPayload()), "forged"],
    ["the kid of another ring's key", () => signToken(KeyRing.generate().signingKey, { name: "m", role: "editor", doc: DOC }).token, "forged"],
    ["another key under our kid", () => {
      const other = KeyRing.generate().signingKey;
      return signToken({ kid: ring.signingKey.kid, privateKey: other.privateKey }, { name: "m", role: "editor", doc: DOC }).token;
    }, "forged"],
    ["expired", () => signToken(ring.signingKey, { name: "a", role: "editor", doc: DOC, now: now() - 7200, ttlSeconds: 60 }).token, "expired"],
    ["a future nbf", () => craft(goodHeader(), { ...validPayload(), nbf: now() + 3600 }), "malformed"],
    ["oversized", () => craft(goodHeader(), { ...validPayload(), name: "x".repeat(MAX_TOKEN_LENGTH) }), "malformed"],
    ["an extra segment", () => `${craft(goodHeader(), validPayload())}.AAAA`, "malformed"],
    ["two segments (the old HMAC form)", () => `${b64(validPayload())}.${"A".repeat(43)}`, "malformed"],
    ["typ other than JWT", () => craft({ ...goodHeader(), typ: "at+jwt" }, validPayload()), "malformed"],
    ["an extra header parameter (jwk)", () => craft({ ...goodHeader(), jwk: ring.publicKey(ring.signingKey.kid) }, validPayload()), "malformed"],
    ["crit header", () => craft({ ...goodHeader(), crit: ["exp"] }, validPayload()), "malformed"],
    ["no jti", () => { const p = validPayload(); delete p.jti; return craft(goodHeader(), p); }, "malformed"],
    ["no exp", () => { const p = validPayload(); delete p.exp; return craft(goodHeader(), p); }, "malformed"],
    ["role owner", () => craft(goodHeader(), { ...validPayload(), role: "owner" }), "malformed"],
    ["both doc and workspace", () => craft(goodHeader(), { ...validPayload(), workspace: "w0000000001" }), "malformed"],
    ["a doc name with ..", () => craft(goodHeader(), { ...validPayload(), doc: "w1/../etc" }), "malformed"],
    ["exp as a string", () => craft(goodHeader(), { ...validPayload(), exp: String(now() + 60) }), "malformed"],
    ["claims that are not an object", () => craft(goodHeader(), [1, 2] as unknown as Record<string, unknown>), "malformed"],
  ])("refuses %s", async (_label, make, reason) => {
    const check = await verifyToken(make(), resolve);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toBe(reason);
  });

  it("refuses missing tokens as missing", async () => {
    for (const token of [undefined, null, "", 42]) {
      expect(await verifyToken(token, resolve)).toMatchObject({ ok: false, reason: "missing" });
    }
  });

  it("checks the length before anything else: a huge token never reaches the resolver", async () => {
    let asked = false;
    const check = await verifyToken("a".repeat(MAX_TOKEN_LENGTH + 1), () => { asked = true; return null; });
    expect(check).toMatchObject({ ok: false, reason: "malformed", message: "token too long" });
    expect(asked).toBe(false);
  });

  it("expiry is exact (clock tolerance 0): valid one second before exp, refused at exp", async () => {
    const { token, claims } = signToken(ring.signingKey, { name: "a", role: "editor", doc: DOC, ttlSeconds: 100 });
    expect((await verifyToken(token, resolve, claims.exp - 1)).ok).toBe(true);
    expect(await verifyToken(token, resolve, claims.exp)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("tampered claims fail the signature", async () => {
    const [h, p, s] = signToken(ring.signingKey, { name: "a", role: "viewer", doc: DOC }).token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const tampered = `${h}.${b64({ ...claims, role: "editor" })}.${s}`;
    expect(await verifyToken(tampered, resolve)).toMatchObject({ ok: false, reason: "forged" });
  });
});
