/**
 * @module sign-in-link
 * The link on a student's sign-in card (issue 13): `<origin>/signin#<code>`. The personal code
 * is in the fragment, which the browser never sends in a request, so it reaches no server log,
 * proxy or Referer header; the app reads it once and takes it out of the address bar and the
 * tab's history before it signs in (a code is as good as a password until the teacher
 * rotates it).
 */
import { normalizeSignInCode } from "@quire/client";

/** The URL a card's QR code holds for `code` (`XXXXX-XXXXX`), on the relay at `origin`. */
export function signInUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/signin#${encodeURIComponent(code)}`;
}

/** The code a `#…` fragment carries, normalized, or null when it is not one. */
export function codeFromFragment(hash: string): string | null {
  let raw = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return raw.length > 16 ? null : normalizeSignInCode(raw);
}
