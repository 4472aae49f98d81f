/**
 * @module token
 * Relay tokens: `base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part))`.
 * Small, dependency-free and verifiable in constant time. The secret lives in the data dir
 * (generated on first start), so tokens survive relay restarts and die with the data dir.
 * Each token has exactly one spelling: both parts must be unpadded base64url, because Node's
 * decoder also takes `=` padding, `+`/`/` and skips stray characters, which let one signature
 * be respelled into many strings that all verified (security finding S7).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROLES, type Role, type TokenClaims, checkDocName } from "@quire/core";
import { ensurePrivateDir } from "../storage/private-data-dir.ts";

export const SECRET_FILE = "relay-secret.key";
/** Tokens longer than this are refused before any parsing (they arrive in a URL). */
export const MAX_TOKEN_LENGTH = 4096;
/** Default lifetime: a school term, so a device that works offline for weeks stays signed in. */
export const DEFAULT_TOKEN_TTL_SECONDS = 120 * 24 * 3600;

/** Reads the signing secret from `dataDir`, creating it (0600) on first start. */
export function loadOrCreateSecret(dataDir: string): Buffer {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
    if (secret.length < 32) throw new Error(`${file} is corrupt: secret shorter than 32 bytes`);
    return secret;
  }
  const secret = randomBytes(32);
  writeFileSync(file, `${secret.toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return secret;
}

export interface TokenRequest {
  sub?: string;
  name: string;
  role: Role;
  doc?: string;
  workspace?: string;
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

/** Signs a token granting `role` on `doc` (exact) or on every doc of `workspace`. */
export function signToken(secret: Buffer, request: TokenRequest): { token: string; claims: TokenClaims } {
  if ((request.doc === undefined) === (request.workspace === undefined)) {
    throw new TypeError("a token names exactly one of doc or workspace");
  }
  const scope = request.doc ?? request.workspace;
  const check = checkDocName(scope);
  if (!check.ok) throw new TypeError(check.reason);
  if (!ROLES.includes(request.role)) throw new TypeError(`role must be one of ${ROLES.join(", ")}`);
  const now = request.now ?? Math.floor(Date.now() / 1000);
  const claims: TokenClaims = {
    v: 1,
    sub: request.sub ?? `u_${randomBytes(9).toString("base64url")}`,
    name: request.name,
    role: request.role,
    ...(request.doc === undefined ? {} : { doc: request.doc }),
    ...(request.workspace === undefined ? {} : { workspace: request.workspace }),
    iat: now,
    auth_time: request.authTime ?? now,
    exp: Math.min(now + (request.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS), request.notAfter ?? Number.POSITIVE_INFINITY),
    jti: request.jti ?? randomBytes(12).toString("base64url"),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `${body}.${mac(secret, body)}`, claims };
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "missing" | "malformed" | "forged" | "expired"; message: string };

/** Verifies signature, shape and expiry. Does not check which doc it grants. */
export function verifyToken(secret: Buffer, token: unknown, nowSeconds = Math.floor(Date.now() / 1000)): TokenCheck {
  if (typeof token !== "string" || token.length === 0) {
    return { ok: false, reason: "missing", message: "no token: pass ?token=<token>" };
  }
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed", message: "token too long" };
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) {
    return { ok: false, reason: "malformed", message: "token is not in <claims>.<signature> form" };
  }
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) {
    return { ok: false, reason: "malformed", message: "token is not unpadded base64url" };
  }
  // Compared as text, not as decoded bytes: the last of 43 characters carries 2 bits the
  // decoder drops, so 4 spellings decode to the same 32 bytes.
  const given = Buffer.from(signature, "latin1");
  const expected = Buffer.from(mac(secret, body), "latin1");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "forged", message: "token signature is invalid (forged or from another relay)" };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed", message: "token claims are not JSON" };
  }
  if (!isClaims(claims)) return { ok: false, reason: "malformed", message: "token claims have the wrong shape" };
  if (claims.exp <= nowSeconds) return { ok: false, reason: "expired", message: "token has expired" };
  return { ok: true, claims };
}

/** Unpadded base64url: the only spelling signToken produces. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function mac(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  const scopeOk =
    (typeof c.doc === "string" && c.workspace === undefined) ||
    (typeof c.workspace === "string" && c.doc === undefined);
  return (
    c.v === 1 &&
    typeof c.sub === "string" &&
    typeof c.name === "string" &&
    (c.role === "editor" || c.role === "viewer") &&
    scopeOk &&
    typeof c.iat === "number" &&
    (c.auth_time === undefined || typeof c.auth_time === "number") &&
    typeof c.exp === "number" &&
    typeof c.jti === "string"
  );
}
