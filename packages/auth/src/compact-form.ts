/**
 * @module compact-form
 * The one spelling of a token, checked before jose sees it (security finding S7: when one
 * signature could be respelled into many strings that all verified, a deny-list or a log
 * search keyed on the token string missed the respellings).
 *
 * A token is JWS compact serialization: three segments of unpadded base64url joined by `.`.
 * jose 6.2 on Node 20 decodes with `atob`, which accepts `=` padding, ASCII whitespace and a
 * last character whose unused low bits are set (an 86-character Ed25519 signature carries 4
 * such bits: 16 spellings of the same 64 bytes); compact-form.test.ts shows jose accepting
 * them. So every segment must be strict base64url and the signature must re-encode to
 * itself. The header and claims segments need no re-encoding check: the signature covers
 * their exact characters, so a respelled one fails verification.
 *
 * The protected header is limited to exactly `alg`, `typ` and `kid`: a `jku`, `jwk`, `x5u`
 * or `crit` parameter from the token's author is refused rather than ignored.
 */
import { MAX_TOKEN_LENGTH } from "./limits.ts";

/** Algorithm of every Quire token: EdDSA over Ed25519 (RFC 8037). */
export const TOKEN_ALG = "EdDSA";
/** `typ` of every Quire token. */
export const TOKEN_TYP = "JWT";

export interface TokenHeader {
  alg: typeof TOKEN_ALG;
  typ: typeof TOKEN_TYP;
  kid: string;
}

export type CompactFormCheck = { ok: true; header: TokenHeader } | { ok: false; message: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longest kid accepted: an RFC 7638 thumbprint is 43 characters. */
const MAX_KID_LENGTH = 128;

/** Checks the token's form and header; does not verify the signature. */
export function checkCompactForm(token: string): CompactFormCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, message: "token too long" };
  const segments = token.split(".");
  if (segments.length !== 3) return { ok: false, message: "token is not in <header>.<claims>.<signature> form" };
  const [header, , signature] = segments as [string, string, string];
  if (!segments.every((segment) => BASE64URL.test(segment))) {
    return { ok: false, message: "token is not unpadded base64url" };
  }
  if (Buffer.from(signature, "base64url").toString("base64url") !== signature) {
    return { ok: false, message: "token signature is not in canonical base64url" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
  } catch {
    return { ok: false, message: "token header is not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: "token header is not a JSON object" };
  }
  const h = parsed as Record<string, unknown>;
  const names = Object.keys(h).sort().join(",");
  if (names !== "alg,kid,typ") return { ok: false, message: "token header must hold exactly alg, typ and kid" };
  if (h.alg !== TOKEN_ALG) return { ok: false, message: `token algorithm must be ${TOKEN_ALG}` };
  if (h.typ !== TOKEN_TYP) return { ok: false, message: `token typ must be ${TOKEN_TYP}` };
  if (typeof h.kid !== "string" || h.kid.length === 0 || h.kid.length > MAX_KID_LENGTH) {
    return { ok: false, message: "token kid is missing or too long" };
  }
  return { ok: true, header: { alg: TOKEN_ALG, typ: TOKEN_TYP, kid: h.kid } };
}
