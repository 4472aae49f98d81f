import { describe, expect, it } from "vitest";
import { readHubCredentialUnverified, signHubCredential, verifyHubCredential } from "./hub-credential.ts";
import { KeyRing } from "./KeyRing.ts";
import { signToken } from "./sign-token.ts";
import { verifyToken } from "./verify-token.ts";

const ring = KeyRing.generate();
const resolve = (kid: string) => ring.publicKey(kid);

describe("hub credentials", () => {
  it("verify with the issuer's key and carry the classes", async () => {
    const { credential, claims } = signHubCredential(ring.signingKey, { name: "Ms Rao's laptop", classes: ["w0000000001", "w0000000002", "w0000000001"] });
    expect(claims.classes).toEqual(["w0000000001", "w0000000002"]);
    const check = await verifyHubCredential(credential, resolve);
    expect(check).toEqual({ ok: true, claims });
    expect(readHubCredentialUnverified(credential)).toEqual(claims);
  });

  it("are refused by another issuer, after expiry and when altered", async () => {
    const { credential } = signHubCredential(ring.signingKey, { name: "hub", classes: ["w0000000001"], ttlSeconds: 10, now: 1_000 });
    expect((await verifyHubCredential(credential, (kid) => KeyRing.generate().publicKey(kid))).ok).toBe(false);
    expect(await verifyHubCredential(credential, resolve, 2_000)).toEqual({ ok: false, message: "hub credential has expired" });
    const [h, , s] = credential.split(".");
    const forged = Buffer.from(JSON.stringify({ v: 1, sub: "hub_x", name: "hub", role: "hub", classes: ["w0000000009"], iat: 1_000, exp: 9_999_999_999, jti: "j" })).toString("base64url");
    expect((await verifyHubCredential(`${h}.${forged}.${s}`, resolve, 1_005)).ok).toBe(false);
  });

  it("are not access tokens, and access tokens are not hub credentials", async () => {
    const { credential } = signHubCredential(ring.signingKey, { name: "hub", classes: ["w0000000001"] });
    expect((await verifyToken(credential, resolve)).ok).toBe(false);
    const { token } = signToken(ring.signingKey, { name: "Teacher", role: "editor", workspace: "w0000000001" });
    expect((await verifyHubCredential(token, resolve)).ok).toBe(false);
    expect(readHubCredentialUnverified(token)).toBeNull();
  });

  it("name 1 to 32 valid class ids", () => {
    expect(() => signHubCredential(ring.signingKey, { name: "hub", classes: [] })).toThrow(TypeError);
    expect(() => signHubCredential(ring.signingKey, { name: "hub", classes: ["w1/doc"] })).toThrow(TypeError);
    expect(() => signHubCredential(ring.signingKey, { name: "hub", classes: Array.from({ length: 33 }, (_, i) => `w${String(i).padStart(10, "0")}`) })).toThrow(TypeError);
  });
});
