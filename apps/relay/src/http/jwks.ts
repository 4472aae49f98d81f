/**
 * @module jwks
 * `GET /.well-known/jwks.json`: the public keys this relay signs tokens with — the current
 * key and the ones it retired within RETIRED_KEY_RETENTION_SECONDS (@quire/auth) — so another
 * relay (a classroom hub, a second node; its TRUSTED_JWKS) can verify this relay's tokens
 * without its private key. Public by design; never holds a private key member.
 *
 * Cached for 5 minutes: a verifier refetches on an unknown kid anyway, so a rotation is seen
 * on the first token signed with the new key; the cache only spares the relay repeat reads.
 */
import type { Hono } from "hono";
import type { TokenService } from "../auth/TokenService.ts";

export const JWKS_PATH = "/.well-known/jwks.json";
const JWKS_MAX_AGE_SECONDS = 300;

export function mountJwks(app: Hono, tokens: TokenService): void {
  app.get(JWKS_PATH, (c) => {
    c.header("Cache-Control", `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
    return c.json(tokens.jwks());
  });
}
