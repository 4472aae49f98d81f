/**
 * @module verify-token
 * Verifies a token with jose: the strict form first (compact-form.ts, before any decoding
 * beyond the header), then the key by `kid` from the caller's resolver (the relay's own key
 * ring, then issuers it trusts), then jose's `jwtVerify` pinned to EdDSA and `typ: JWT`
 * with exp/iat/jti/sub required, then every Quire claim by type (claims.ts).
 *
 * Refusals keep the reasons of the relay's earlier tokens, which the relay turns into close
 * codes and HTTP statuses: missing, malformed, forged (bad signature or unknown key),
 * expired.
 */
import type { TokenClaims } from "@quire/core";
import { errors, jwtVerify } from "jose";
import { parseClaims } from "./claims.ts";
import { TOKEN_ALG, TOKEN_TYP, checkCompactForm } from "./compact-form.ts";
import type { PublicJwk } from "./jwks.ts";
import { CLOCK_TOLERANCE_SECONDS } from "./limits.ts";

/** Finds the public key for a `kid`, or null when no trusted issuer has it. */
export type KeyResolver = (kid: string) => PublicJwk | null | Promise<PublicJwk | null>;

export type TokenCheck =
  | { ok: true; claims: TokenClaims; kid: string }
  | { ok: false; reason: "missing" | "malformed" | "forged" | "expired"; message: string };

/**
 * Verifies signature, form, claims and expiry at `nowSeconds`. Does not check which doc it
 * grants, nor revocation (the relay's RevocationStore).
 * @example
 * const check = await verifyToken(token, (kid) => ring.publicKey(kid));
 * if (check.ok) console.log(check.claims.role);
 */
export async function verifyToken(token: unknown, resolveKey: KeyResolver, nowSeconds = Math.floor(Date.now() / 1000)): Promise<TokenCheck> {
  if (typeof token !== "string" || token.length === 0) {
    return { ok: false, reason: "missing", message: "no token: pass ?token=<token>" };
  }
  const form = checkCompactForm(token);
  if (!form.ok) return { ok: false, reason: "malformed", message: form.message };
  const key = await resolveKey(form.header.kid);
  if (!key) {
    return { ok: false, reason: "forged", message: "token signature is invalid: signed by a key this relay does not trust (forged or from another relay)" };
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [TOKEN_ALG],
      typ: TOKEN_TYP,
      requiredClaims: ["exp", "iat", "jti", "sub"],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    return refusal(error);
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: "malformed", message: "token claims have the wrong shape" };
  return { ok: true, claims, kid: form.header.kid };
}

function refusal(error: unknown): TokenCheck {
  if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired", message: "token has expired" };
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return { ok: false, reason: "forged", message: "token signature is invalid (forged or from another relay)" };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return { ok: false, reason: "malformed", message: `token claim ${error.claim} is invalid: ${error.reason}` };
  }
  return { ok: false, reason: "malformed", message: "token is not a valid JWT" };
}
