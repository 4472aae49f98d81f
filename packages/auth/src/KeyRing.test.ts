import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY_RING_FILE, KeyRingFile, loadOrCreateKeyRing, readKeyRing, rotateKeyRing } from "./key-ring-file.ts";
import { KeyRing } from "./KeyRing.ts";
import { RETIRED_KEY_RETENTION_SECONDS } from "./limits.ts";
import { signToken } from "./sign-token.ts";
import { verifyToken } from "./verify-token.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "quire-auth-")), "data");
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(join(dir, ".."), { recursive: true, force: true });
});

describe("KeyRing", () => {
  it("rotation: a new kid signs, the old key keeps verifying until its retention has passed", async () => {
    const t0 = 1_000_000;
    const ring = KeyRing.generate(t0);
    const old = signToken(ring.signingKey, { name: "A", role: "editor", doc: "w1/d1", now: t0 }).token;
    const rotated = ring.rotate(t0 + 10);
    expect(rotated.signingKey.kid).not.toBe(ring.signingKey.kid);
    expect(rotated.jwks(t0 + 10).keys.map((k) => k.kid)).toEqual([rotated.signingKey.kid, ring.signingKey.kid]);
    const resolveAt = (now: number) => (kid: string) => rotated.publicKey(kid, now);
    expect((await verifyToken(old, resolveAt(t0 + 20), t0 + 20)).ok).toBe(true);
    const gone = t0 + 10 + RETIRED_KEY_RETENTION_SECONDS;
    expect(rotated.jwks(gone).keys.map((k) => k.kid)).toEqual([rotated.signingKey.kid]);
    expect(rotated.publicKey(ring.signingKey.kid, gone)).toBeNull();
    expect(rotated.rotate(gone).keys.map((k) => k.kid)).not.toContain(ring.signingKey.kid);
  });

  it("the JWKS holds public keys only", () => {
    const jwks = KeyRing.generate().rotate().jwks();
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    }
  });

  it("refuses a stored key whose kid is not its thumbprint", () => {
    const stored = KeyRing.generate().toJSON();
    const bad = { v: 1, keys: [{ ...stored.keys[0], kid: "chosen" }] };
    expect(() => KeyRing.fromJSON(bad)).toThrow(/malformed/);
  });
});

describe("key ring file", () => {
  it("is created on first use, 0600 in a 0700 dir, and read back the same", () => {
    const dir = tempDir();
    const ring = loadOrCreateKeyRing(dir);
    expect(statSync(join(dir, KEY_RING_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(loadOrCreateKeyRing(dir).signingKey.kid).toBe(ring.signingKey.kid);
    expect(readdirSync(dir)).toEqual([KEY_RING_FILE]); // no temp files left behind
  });

  it("rotation rewrites the file atomically (still 0600) and a running KeyRingFile sees it", () => {
    const dir = tempDir();
    const live = new KeyRingFile(dir);
    const before = live.current().signingKey.kid;
    const rotated = rotateKeyRing(dir);
    expect(statSync(join(dir, KEY_RING_FILE)).mode & 0o777).toBe(0o600);
    expect(live.current().signingKey.kid).toBe(rotated.signingKey.kid);
    expect(live.current().publicKey(before)).not.toBeNull();
    expect(readdirSync(dir)).toEqual([KEY_RING_FILE]);
  });

  it("a corrupt file is an error, not a silently new key", () => {
    const dir = tempDir();
    loadOrCreateKeyRing(dir);
    writeFileSync(join(dir, KEY_RING_FILE), "{not json");
    expect(() => readKeyRing(dir)).toThrow(/corrupt/);
    expect(() => loadOrCreateKeyRing(dir)).toThrow(/corrupt/);
  });
});
