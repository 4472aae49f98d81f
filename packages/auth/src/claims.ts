/**
 * @module claims
 * What a token says: {@link TokenClaims} from @quire/core, built for signing from a
 * {@link TokenRequest} and checked field by field after verification. The claims are the
 * same as in the relay's earlier HMAC tokens, so nothing downstream of verification changed.
 */
import { randomBytes } from "node:crypto";
import { ROLES, type Role, type TokenClaims, checkDocName, isValidDocName } from "@quire/core";
import { DEFAULT_TOKEN_TTL_SECONDS } from "./limits.ts";

export interface TokenRequest {
  sub?: string;
  name: string;
  role: Role;
  doc?: string;
  workspace?: string;
  /**
   * Lifetime in seconds; default DEFAULT_TOKEN_TTL_SECONDS. Longer than MAX_TOKEN_TTL_SECONDS
   * is allowed (the token CLI's --ttl), but such a token stops verifying once its key has been
   * retired for RETIRED_KEY_RETENTION_SECONDS.
   */
  ttlSeconds?: number;
  /** Keep an existing token id (refresh), so revoking the jti also covers refreshed tokens. */
  jti?: string;
  /** Keep when access was first granted (refresh); defaults to now. */
  authTime?: number;
  /** Latest expiry allowed (refresh: the absolute lifetime), seconds since epoch. */
  notAfter?: number;
  /** Override "now" (seconds) — for tests of expiry. */
  now?: number;
}

/** The claims for `request`; throws a TypeError on a request no token may carry. */
export function buildClaims(request: TokenRequest): TokenClaims {
  if ((request.doc === undefined) === (request.workspace === undefined)) {
    throw new TypeError("a token names exactly one of doc or workspace");
  }
  const check = checkDocName(request.doc ?? request.workspace);
  if (!check.ok) throw new TypeError(check.reason);
  if (!ROLES.includes(request.role)) throw new TypeError(`role must be one of ${ROLES.join(", ")}`);
  const ttl = request.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError("token lifetime must be a positive whole number of seconds");
  const now = request.now ?? Math.floor(Date.now() / 1000);
  return {
    v: 1,
    sub: request.sub ?? `u_${randomBytes(9).toString("base64url")}`,
    name: request.name,
    role: request.role,
    ...(request.doc === undefined ? {} : { doc: request.doc }),
    ...(request.workspace === undefined ? {} : { workspace: request.workspace }),
    iat: now,
    auth_time: request.authTime ?? now,
    exp: Math.min(now + ttl, request.notAfter ?? Number.POSITIVE_INFINITY),
    jti: request.jti ?? randomBytes(12).toString("base64url"),
  };
}

/**
 * The payload as {@link TokenClaims}, or null when any field is missing or of the wrong type.
 * Registered claims jose already checked (exp, nbf) are checked again here for type, and the
 * scope must be a valid doc name, so a token from a trusted issuer with a sloppy signer
 * cannot carry a scope no Quire relay would sign.
 */
export function parseClaims(payload: unknown): TokenClaims | null {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const c = payload as Record<string, unknown>;
  const scopeOk =
    (isValidDocName(c.doc) && c.workspace === undefined) || (isValidDocName(c.workspace) && c.doc === undefined);
  const ok =
    c.v === 1 &&
    typeof c.sub === "string" &&
    c.sub.length > 0 &&
    typeof c.name === "string" &&
    (c.role === "editor" || c.role === "viewer") &&
    scopeOk &&
    isSeconds(c.iat) &&
    (c.auth_time === undefined || isSeconds(c.auth_time)) &&
    isSeconds(c.exp) &&
    (c.nbf === undefined || isSeconds(c.nbf)) &&
    typeof c.jti === "string" &&
    c.jti.length > 0;
  if (!ok) return null;
  const claims: TokenClaims = {
    v: 1,
    sub: c.sub as string,
    name: c.name as string,
    role: c.role as Role,
    ...(c.doc === undefined ? {} : { doc: c.doc as string }),
    ...(c.workspace === undefined ? {} : { workspace: c.workspace as string }),
    iat: c.iat as number,
    ...(c.auth_time === undefined ? {} : { auth_time: c.auth_time as number }),
    exp: c.exp as number,
    jti: c.jti as string,
  };
  return claims;
}

function isSeconds(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
