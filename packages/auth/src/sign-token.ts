/**
 * @module sign-token
 * Signs a token: a JWT (RFC 7519) in JWS compact form, `alg: EdDSA` over Ed25519, header
 * `{ alg, typ: "JWT", kid }`.
 *
 * Signed with node:crypto rather than jose's SignJWT: Ed25519 signatures are deterministic
 * (RFC 8032), so the output is byte-for-byte what SignJWT produces (sign-token.test.ts
 * checks it), and signing stays synchronous — the test kit's `relay.token()` is called
 * synchronously in a hundred tests and the token CLI has nothing to wait for. Verification
 * is jose's (verify-token.ts).
 */
import { sign } from "node:crypto";
import type { TokenClaims } from "@quire/core";
import { type TokenRequest, buildClaims } from "./claims.ts";
import { TOKEN_ALG, TOKEN_TYP } from "./compact-form.ts";
import type { SigningKey } from "./KeyRing.ts";

/**
 * Signs a token granting `request.role` on `request.doc` (exact) or on every doc of
 * `request.workspace`. Throws a TypeError on an invalid request.
 * @example
 * const ring = loadOrCreateKeyRing(dataDir);
 * const { token } = signToken(ring.signingKey, { name: "Ana", role: "editor", workspace: "w1" });
 */
export function signToken(key: SigningKey, request: TokenRequest): { token: string; claims: TokenClaims } {
  const claims = buildClaims(request);
  const header = encodeJson({ alg: TOKEN_ALG, typ: TOKEN_TYP, kid: key.kid });
  const signingInput = `${header}.${encodeJson(claims)}`;
  const signature = sign(null, Buffer.from(signingInput), key.privateKey).toString("base64url");
  return { token: `${signingInput}.${signature}`, claims };
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
