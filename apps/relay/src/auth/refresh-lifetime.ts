/**
 * @module refresh-lifetime
 * How long a token can be refreshed (security finding S6: a token could be refreshed for
 * ever). Every token carries `auth_time`, when its holder first got access; a refresh keeps
 * it, and is refused once MAX_TOKEN_AGE_DAYS have passed since it. A refreshed token's expiry
 * never passes that point either, so no token outlives the absolute lifetime. Tokens signed
 * before `auth_time` existed use their `iat` instead (their last refresh), and carry it on.
 */
import type { TokenClaims } from "@quire/core";

const DAY_SECONDS = 24 * 3600;

export type RefreshWindow = { ok: true; authTime: number; notAfter: number } | { ok: false; message: string };

export function refreshWindow(claims: TokenClaims, maxTokenAgeDays: number, nowSeconds: number): RefreshWindow {
  const authTime = claims.auth_time ?? claims.iat;
  const notAfter = authTime + maxTokenAgeDays * DAY_SECONDS;
  if (nowSeconds >= notAfter) {
    return { ok: false, message: `access granted more than ${maxTokenAgeDays} days ago can no longer be refreshed: join again with the workspace's current code` };
  }
  return { ok: true, authTime, notAfter };
}
