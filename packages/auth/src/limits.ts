/**
 * @module limits
 * The token limits, each with its reason. The README's "Resource limits" lists them too.
 */

/**
 * Tokens longer than this are refused before any parsing: they arrive in a URL or a websocket
 * subprotocol header, and a Quire token is about 450 characters (header with kid ≈ 100,
 * claims ≈ 260, Ed25519 signature 86), so 4 KiB leaves room for long names and refuses
 * megabyte "tokens" before base64 or JSON decoding runs.
 */
export const MAX_TOKEN_LENGTH = 4096;

const DAY_SECONDS = 24 * 3600;

/** Default lifetime: a school term, so a device that works offline for weeks stays signed in. */
export const DEFAULT_TOKEN_TTL_SECONDS = 120 * DAY_SECONDS;

/**
 * Longest lifetime a retired key's tokens are assumed to have: the key ring keeps a retired
 * key this long (plus the refresh grace). A year matches the relay's default absolute
 * lifetime (MAX_TOKEN_AGE_DAYS), past which no token can be refreshed; a longer --ttl from
 * the token CLI stops verifying once its key has been retired this long.
 */
export const MAX_TOKEN_TTL_SECONDS = 365 * DAY_SECONDS;

/**
 * How long after expiry a token can still be refreshed: a device that was offline past its
 * token's expiry gets a new one on its next refresh (the relay's POST /api/token/refresh).
 */
export const REFRESH_GRACE_SECONDS = 30 * DAY_SECONDS;

/**
 * How long a retired signing key keeps verifying and stays in the JWKS: the longest a token
 * signed just before the rotation can be used or refreshed.
 */
export const RETIRED_KEY_RETENTION_SECONDS = MAX_TOKEN_TTL_SECONDS + REFRESH_GRACE_SECONDS;

/**
 * Clock skew allowed on `exp` and `nbf`: none, as before JWTs. Tokens last months, so
 * seconds of skew between a relay and a hub trusting its keys only matter in a token's last
 * seconds, and a strict check keeps "expired" meaning the same on every relay.
 */
export const CLOCK_TOLERANCE_SECONDS = 0;
