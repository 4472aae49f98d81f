/**
 * @module link-url
 * Links come from people typing or pasting: only web and mail links are allowed, so a
 * `javascript:` (or `data:`, `vbscript:`...) URL can never end up clickable in a shared doc.
 */

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** True when `url` parses and uses http, https or mailto. */
export function isSafeLinkUrl(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

/**
 * Turns what someone typed into a link target, or null when it is not allowed.
 * "example.com" becomes "https://example.com"; "ana@school.org" becomes a mailto link.
 */
export function normalizeLinkUrl(input: string): string | null {
  const text = input.trim();
  if (text === "") return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return isSafeLinkUrl(text) ? new URL(text).href : null;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`;
  const guessed = `https://${text.replace(/^\/+/, "")}`;
  return isSafeLinkUrl(guessed) && /\./.test(new URL(guessed).hostname) ? new URL(guessed).href : null;
}
