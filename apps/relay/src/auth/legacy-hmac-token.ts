/**
 * @module legacy-hmac-token
 * Verifies the relay's tokens from before JWTs (`base64url(claims) "." base64url(HMAC-SHA256)`
 * keyed with DATA_DIR/relay-secret.key) until they expire, so devices signed in before the
 * upgrade stay signed in for the rest of their token's lifetime (up to 120 days) and get a
 * JWT on their next refresh. Verification only: nothing signs this format any more, and a
 * data dir without the old secret never accepts it. Delete this module once every token
 * signed by a pre-JWT release has expired (plus the 30-day refresh grace).
 *
 * Strictness as before (security finding S7): unpadded base64url only, signature compared as
 * text in constant time, the same claim checks as JWTs.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_TOKEN_LENGTH, type TokenCheck, parseClaims } from "@quire/auth";

export const LEGACY_SECRET_FILE = "relay-secret.key";

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The pre-JWT signing secret in `dataDir`, or null when this data dir never had one. */
export function readLegacySecret(dataDir: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LEGACY_SECRET_FILE), "utf8");
  } catch {
    return null;
  }
  const secret = Buffer.from(text.trim(), "base64url");
  return secret.length >= 32 ? secret : null;
}

/** True for a string in the old two-segment form (a JWT has three). */
export function isLegacyForm(token: unknown): token is string {
  return typeof token === "string" && token.length <= MAX_TOKEN_LENGTH && token.split(".").length === 2;
}

/** Verifies a two-segment token against the legacy secret. */
export function verifyLegacyToken(secret: Buffer, token: string, nowSeconds: number): TokenCheck {
  const [body, signature] = token.split(".") as [string, string];
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) {
    return { ok: false, reason: "malformed", message: "token is not unpadded base64url" };
  }
  // Compared as text, not as decoded bytes: 4 spellings of the last character decode alike.
  const given = Buffer.from(signature, "latin1");
  const expected = Buffer.from(createHmac("sha256", secret).update(body).digest("base64url"), "latin1");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "forged", message: "token signature is invalid (forged or from another relay)" };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed", message: "token claims are not JSON" };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: "malformed", message: "token claims have the wrong shape" };
  if (claims.exp <= nowSeconds) return { ok: false, reason: "expired", message: "token has expired" };
  return { ok: true, claims, kid: LEGACY_SECRET_FILE };
}
