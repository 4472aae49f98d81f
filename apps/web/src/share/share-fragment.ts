/**
 * @module share-fragment
 * A read-only share link is `<origin>/share#<secret>` (issue 13): the secret rides in the
 * fragment, which no request carries, so it reaches no server log, proxy or Referer header.
 */

/** The secret a `#…` fragment carries (43 base64url characters), or null. */
export function secretFromFragment(hash: string): string | null {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  return /^[A-Za-z0-9_-]{43}$/.test(raw) ? raw : null;
}
