/**
 * @module hub-credential
 * A classroom hub's credential (issue 14, item 1): a JWT the upstream relay signs for a hub
 * that may carry the work of one or more classes (`classes`: workspace ids) up to it.
 *
 * It is a JWT of the same form and key ring as access tokens (EdDSA, `typ: JWT`, `kid`), but
 * with `role: "hub"` and a `classes` list instead of a `doc`/`workspace` scope. Access-token
 * verification (claims.ts `parseClaims`) refuses that role, so a hub credential can never
 * open a document socket or call the class API; and {@link verifyHubCredential} refuses an
 * access token, so a student's token can never replicate. Revoked like any token, by `jti`.
 */
import { randomBytes, sign } from "node:crypto";
import { isValidDocName } from "@quire/core";
import { errors, jwtVerify } from "jose";
import { TOKEN_ALG, TOKEN_TYP, checkCompactForm } from "./compact-form.ts";
import type { SigningKey } from "./KeyRing.ts";
import { CLOCK_TOLERANCE_SECONDS } from "./limits.ts";
import type { KeyResolver } from "./verify-token.ts";

/** Classes one credential may name: a school's hub serves a teacher's few classes. */
export const MAX_HUB_CLASSES = 32;
/** Default lifetime: a school year, like access tokens' absolute lifetime (MAX_TOKEN_AGE_DAYS). */
export const DEFAULT_HUB_CREDENTIAL_TTL_SECONDS = 365 * 24 * 3600;

export interface HubCredentialClaims {
  v: 1;
  /** The hub's id (`hub_…`): the upstream logs it; provenance never names it. */
  sub: string;
  /** What the teacher called it ("Ms Rao's laptop"). */
  name: string;
  role: "hub";
  /** Workspace ids of the classes the hub may carry. */
  classes: string[];
  iat: number;
  exp: number;
  jti: string;
}

export interface HubCredentialRequest {
  name: string;
  classes: readonly string[];
  ttlSeconds?: number;
  now?: number;
}

/** Signs a hub credential; throws a TypeError on an invalid request. */
export function signHubCredential(key: SigningKey, request: HubCredentialRequest): { credential: string; claims: HubCredentialClaims } {
  const now = request.now ?? Math.floor(Date.now() / 1000);
  const ttl = request.ttlSeconds ?? DEFAULT_HUB_CREDENTIAL_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError("credential lifetime must be a positive whole number of seconds");
  const claims: HubCredentialClaims = {
    v: 1,
    sub: `hub_${randomBytes(9).toString("base64url")}`,
    name: request.name,
    role: "hub",
    classes: [...new Set(request.classes)],
    iat: now,
    exp: now + ttl,
    jti: randomBytes(12).toString("base64url"),
  };
  if (!shapeOk(claims)) throw new TypeError(`a hub credential names 1 to ${MAX_HUB_CLASSES} valid class ids and a name of at most 200 characters`);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ alg: TOKEN_ALG, typ: TOKEN_TYP, kid: key.kid })}.${encode(claims)}`;
  return { credential: `${input}.${sign(null, Buffer.from(input), key.privateKey).toString("base64url")}`, claims };
}

export type HubCredentialCheck = { ok: true; claims: HubCredentialClaims } | { ok: false; message: string };

/** Verifies a hub credential's form, signature (key by `kid`), expiry and claims. */
export async function verifyHubCredential(credential: unknown, resolveKey: KeyResolver, nowSeconds = Math.floor(Date.now() / 1000)): Promise<HubCredentialCheck> {
  if (typeof credential !== "string" || credential === "") return { ok: false, message: "no hub credential" };
  const form = checkCompactForm(credential);
  if (!form.ok) return { ok: false, message: form.message };
  const key = await resolveKey(form.header.kid);
  if (!key) return { ok: false, message: "hub credential signed by a key this relay does not know" };
  try {
    const { payload } = await jwtVerify(credential, key, {
      algorithms: [TOKEN_ALG],
      typ: TOKEN_TYP,
      requiredClaims: ["exp", "iat", "jti", "sub"],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const claims = parseHubClaims(payload);
    return claims ? { ok: true, claims } : { ok: false, message: "not a hub credential" };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, message: "hub credential has expired" };
    return { ok: false, message: "hub credential is invalid" };
  }
}

/**
 * The claims of a credential WITHOUT checking its signature: for the hub reading its own
 * UPSTREAM_CREDENTIAL (which classes to replicate). The upstream verifies it on every call.
 */
export function readHubCredentialUnverified(credential: string): HubCredentialClaims | null {
  const form = checkCompactForm(credential);
  if (!form.ok) return null;
  try {
    return parseHubClaims(JSON.parse(Buffer.from(credential.split(".")[1] ?? "", "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

function parseHubClaims(payload: unknown): HubCredentialClaims | null {
  if (typeof payload !== "object" || payload === null) return null;
  const c = payload as Record<string, unknown>;
  if (c.v !== 1 || c.role !== "hub" || c.doc !== undefined || c.workspace !== undefined) return null;
  if (typeof c.sub !== "string" || typeof c.name !== "string" || typeof c.jti !== "string" || c.jti === "") return null;
  if (typeof c.iat !== "number" || typeof c.exp !== "number" || !Array.isArray(c.classes)) return null;
  const claims = { v: 1, sub: c.sub, name: c.name, role: "hub", classes: c.classes as string[], iat: c.iat, exp: c.exp, jti: c.jti } as const;
  return shapeOk({ ...claims, classes: [...claims.classes] }) ? { ...claims, classes: [...claims.classes] } : null;
}

function shapeOk(claims: HubCredentialClaims): boolean {
  return (
    claims.name.length <= 200 &&
    claims.classes.length > 0 &&
    claims.classes.length <= MAX_HUB_CLASSES &&
    claims.classes.every((id) => isValidDocName(id) && !id.includes("/"))
  );
}
