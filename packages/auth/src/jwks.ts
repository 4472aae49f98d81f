/**
 * @module jwks
 * Public keys as a JSON Web Key Set (RFC 7517): what a relay publishes at
 * `/.well-known/jwks.json` and what another relay reads from a trusted issuer. A JWKS from
 * elsewhere crosses a trust boundary, so {@link parseJwks} keeps only well-formed Ed25519
 * public keys and refuses a set that is not one.
 */
import { TOKEN_ALG } from "./compact-form.ts";

/** An Ed25519 public key (RFC 8037) with its key id. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: typeof TOKEN_ALG;
  use: "sig";
}

export interface JsonWebKeySet {
  keys: PublicJwk[];
}

/**
 * Most keys read from one trusted JWKS: a relay publishes its signing key plus the few it
 * retired within the last year; more than this is not a Quire relay's set.
 */
export const MAX_JWKS_KEYS = 64;

/** An Ed25519 public key is 32 bytes: 43 characters of unpadded base64url. */
const ED25519_X = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export type JwksParse = { ok: true; keys: PublicJwk[] } | { ok: false; message: string };

/**
 * The usable keys of an untrusted JWKS document. Keys of other types, private keys (a `d`
 * member: the publisher leaked its secret, so the key proves nothing) and keys without a kid
 * are skipped; a document that is not `{ "keys": [...] }` is refused.
 */
export function parseJwks(document: unknown): JwksParse {
  if (typeof document !== "object" || document === null || !Array.isArray((document as { keys?: unknown }).keys)) {
    return { ok: false, message: "not a JWKS: expected {\"keys\": [...]}" };
  }
  const keys = (document as { keys: unknown[] }).keys;
  if (keys.length > MAX_JWKS_KEYS) return { ok: false, message: `JWKS has more than ${MAX_JWKS_KEYS} keys` };
  const usable: PublicJwk[] = [];
  for (const key of keys) {
    if (typeof key !== "object" || key === null) continue;
    const k = key as Record<string, unknown>;
    if (k.kty !== "OKP" || k.crv !== "Ed25519" || "d" in k) continue;
    if (typeof k.x !== "string" || !ED25519_X.test(k.x)) continue;
    if (typeof k.kid !== "string" || k.kid.length === 0 || k.kid.length > 128) continue;
    if (k.alg !== undefined && k.alg !== TOKEN_ALG) continue;
    if (k.use !== undefined && k.use !== "sig") continue;
    usable.push(publicJwk(k.kid, k.x));
  }
  return { ok: true, keys: usable };
}

/** The JWKS entry for an Ed25519 public key. */
export function publicJwk(kid: string, x: string): PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x, kid, alg: TOKEN_ALG, use: "sig" };
}
