import { SignJWT, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { KeyRing } from "./KeyRing.ts";
import { signToken } from "./sign-token.ts";

const ring = KeyRing.generate();

describe("signToken", () => {
  it("is byte-for-byte jose's SignJWT (Ed25519 is deterministic)", async () => {
    const { token, claims } = signToken(ring.signingKey, { name: "Ana", role: "editor", workspace: "w0000000001" });
    const stored = ring.keys[0]?.jwk;
    const viaJose = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: ring.signingKey.kid })
      .sign({ ...stored, alg: "EdDSA" } as never);
    expect(token).toBe(viaJose);
  });

  it("writes alg EdDSA, typ JWT and the kid, which is the key's RFC 7638 thumbprint", async () => {
    const { token } = signToken(ring.signingKey, { name: "Ana", role: "viewer", doc: "w1/d1" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "EdDSA", typ: "JWT", kid: ring.signingKey.kid });
    const jwk = ring.publicKey(ring.signingKey.kid);
    expect(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk?.x as string })).toBe(ring.signingKey.kid);
    const { payload } = await jwtVerify(token, jwk as never);
    expect(payload).toMatchObject({ v: 1, name: "Ana", role: "viewer", doc: "w1/d1" });
  });

  it("keeps jti and auth_time on refresh and never passes notAfter", () => {
    const { claims } = signToken(ring.signingKey, { name: "A", role: "editor", doc: "w1/d1", jti: "keep", authTime: 100, notAfter: 5_000, now: 1_000 });
    expect(claims).toMatchObject({ jti: "keep", auth_time: 100, iat: 1_000, exp: 5_000 });
  });

  it.each([
    ["no scope", { name: "A", role: "editor" }],
    ["both scopes", { name: "A", role: "editor", doc: "w1/d1", workspace: "w1" }],
    ["a bad doc name", { name: "A", role: "editor", doc: "../x" }],
    ["an unknown role", { name: "A", role: "owner", doc: "w1/d1" }],
    ["a negative lifetime", { name: "A", role: "editor", doc: "w1/d1", ttlSeconds: -5 }],
    ["a fractional lifetime", { name: "A", role: "editor", doc: "w1/d1", ttlSeconds: 1.5 }],
  ])("refuses %s", (_label, request) => {
    expect(() => signToken(ring.signingKey, request as never)).toThrow(TypeError);
  });
});
