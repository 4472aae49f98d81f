/**
 * @module KeyRing
 * A relay's signing keys: one current Ed25519 key that signs new tokens, and the keys it
 * replaced, which keep verifying (and stay in the JWKS) for RETIRED_KEY_RETENTION_SECONDS
 * after their retirement, the longest a token they signed can be used or refreshed. Each
 * key's `kid` is its RFC 7638 JWK thumbprint, so a kid names one key everywhere and two
 * issuers cannot collide by accident.
 *
 * Immutable: {@link KeyRing.rotate} returns a new ring. Stored by key-ring-file.ts.
 */
import { type KeyObject, createHash, createPrivateKey, generateKeyPairSync } from "node:crypto";
import { type JsonWebKeySet, type PublicJwk, publicJwk } from "./jwks.ts";
import { RETIRED_KEY_RETENTION_SECONDS } from "./limits.ts";

/** One key as stored: the private JWK and when it was created and retired (seconds). */
export interface StoredKey {
  kid: string;
  created: number;
  retired?: number;
  /** Ed25519 private key as a JWK: `{ kty: "OKP", crv: "Ed25519", x, d }`. */
  jwk: { kty: "OKP"; crv: "Ed25519"; x: string; d: string };
}

/** What signs a token: the private key and its kid. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export class KeyRing {
  private readonly publicByKid = new Map<string, PublicJwk>();
  private readonly signer: SigningKey;

  private constructor(readonly keys: readonly StoredKey[]) {
    for (const key of keys) this.publicByKid.set(key.kid, publicJwk(key.kid, key.jwk.x));
    const current = keys.findLast((key) => key.retired === undefined);
    if (!current) throw new Error("key ring has no current signing key");
    this.signer = { kid: current.kid, privateKey: createPrivateKey({ key: current.jwk, format: "jwk" }) };
  }

  /** A ring with one fresh key. */
  static generate(nowSeconds = nowInSeconds()): KeyRing {
    return new KeyRing([generateKey(nowSeconds)]);
  }

  /** A ring from its stored form; throws on anything else. */
  static fromJSON(value: unknown): KeyRing {
    if (typeof value !== "object" || value === null) throw new Error("key ring is not an object");
    const { v, keys } = value as { v?: unknown; keys?: unknown };
    if (v !== 1 || !Array.isArray(keys) || keys.length === 0) throw new Error("key ring has no keys or an unknown version");
    return new KeyRing(keys.map(checkStoredKey));
  }

  toJSON(): { v: 1; keys: readonly StoredKey[] } {
    return { v: 1, keys: this.keys };
  }

  /** The key that signs new tokens. */
  get signingKey(): SigningKey {
    return this.signer;
  }

  /**
   * A new ring whose current key is freshly generated; the old current key is retired now,
   * and retired keys past their retention are dropped.
   */
  rotate(nowSeconds = nowInSeconds()): KeyRing {
    const kept = this.keys
      .map((key) => (key.retired === undefined ? { ...key, retired: nowSeconds } : key))
      .filter((key) => stillVerifies(key, nowSeconds));
    return new KeyRing([...kept, generateKey(nowSeconds)]);
  }

  /** The public key for `kid` if it may still verify tokens at `nowSeconds`, else null. */
  publicKey(kid: string, nowSeconds = nowInSeconds()): PublicJwk | null {
    const key = this.keys.find((k) => k.kid === kid);
    if (!key || !stillVerifies(key, nowSeconds)) return null;
    return this.publicByKid.get(kid) ?? null;
  }

  /** The public keys that may verify tokens at `nowSeconds`, current key first. */
  jwks(nowSeconds = nowInSeconds()): JsonWebKeySet {
    const live = this.keys.filter((key) => stillVerifies(key, nowSeconds)).reverse();
    return { keys: live.map((key) => this.publicByKid.get(key.kid) as PublicJwk) };
  }
}

function stillVerifies(key: StoredKey, nowSeconds: number): boolean {
  return key.retired === undefined || nowSeconds < key.retired + RETIRED_KEY_RETENTION_SECONDS;
}

function generateKey(nowSeconds: number): StoredKey {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  if (typeof jwk.x !== "string" || typeof jwk.d !== "string") throw new Error("Ed25519 key export lacks x or d");
  return { kid: jwkThumbprint(jwk.x), created: nowSeconds, jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d } };
}

/** RFC 7638 thumbprint of an Ed25519 public key: SHA-256 of its required members in order. */
export function jwkThumbprint(x: string): string {
  return createHash("sha256").update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x })).digest("base64url");
}

function checkStoredKey(value: unknown): StoredKey {
  const k = value as Partial<StoredKey> | null;
  const jwk = k?.jwk;
  if (
    !k ||
    typeof k.kid !== "string" ||
    typeof k.created !== "number" ||
    (k.retired !== undefined && typeof k.retired !== "number") ||
    !jwk ||
    jwk.kty !== "OKP" ||
    jwk.crv !== "Ed25519" ||
    typeof jwk.x !== "string" ||
    typeof jwk.d !== "string" ||
    jwkThumbprint(jwk.x) !== k.kid
  ) {
    throw new Error("key ring holds a malformed key");
  }
  return { kid: k.kid, created: k.created, ...(k.retired === undefined ? {} : { retired: k.retired }), jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d } };
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
