/**
 * @module document-direction
 * The page's language and writing direction (issue 16). `applyDocumentLanguage(lang)` is the
 * one place that sets `<html lang>` and `<html dir>`; the i18n layer (i18n.ts) calls it
 * whenever the interface language changes, and once at start.
 *
 * Invariants:
 * - `dir` is "rtl" exactly for the right-to-left languages in `RTL_LANGUAGES` (Arabic today;
 *   Hebrew, Persian and Urdu are listed so a future catalog needs no change here), "ltr" for
 *   every other language. It is always set explicitly, never left to the browser: the whole
 *   layout mirrors off this one attribute (all app CSS uses logical properties —
 *   `margin-inline-start`, `inset-inline-start`, `text-align: start` — which follow it).
 * - `lang` is the BCP 47 tag as given (e.g. "pt-BR"), so screen readers pick the right voice
 *   and the browser the right font and quotes; an empty or malformed tag becomes "en" rather
 *   than garbage in the attribute.
 * - The document's own text does not follow the interface: Lexical gives every top-level
 *   editor block `dir="auto"`, so an Arabic paragraph in an English interface is still
 *   right-to-left, and an English one in the Arabic interface left-to-right.
 * - Outside a browser (unit tests under Node) nothing is written; the direction is returned.
 */

/** Primary language subtags written right to left (of those Quire ships or may ship). */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(["ar", "fa", "he", "ur"]);

export type WritingDirection = "ltr" | "rtl";

/** A loose BCP 47 shape: a 2–3 letter primary subtag, then alphanumeric subtags. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** The language tag to write into `lang`: the given one when it looks like a tag, else "en". */
export function normalizeLanguageTag(lang: string): string {
  const tag = lang.trim().replace(/_/g, "-");
  return LANGUAGE_TAG.test(tag) ? tag : "en";
}

/** The writing direction of a language tag ("ar", "ar-EG" → "rtl"; "fr", "sw-KE" → "ltr"). */
export function directionOf(lang: string): WritingDirection {
  const primary = normalizeLanguageTag(lang).split("-")[0]?.toLowerCase() ?? "en";
  return RTL_LANGUAGES.has(primary) ? "rtl" : "ltr";
}

/** The two attributes this module writes; `document.documentElement` in the app. */
export type LanguageRoot = Pick<HTMLElement, "lang" | "dir">;

/**
 * Sets `<html lang>` and `<html dir>` for the interface language `lang`; returns the direction.
 *
 * @example
 * applyDocumentLanguage("ar"); // <html lang="ar" dir="rtl">
 * applyDocumentLanguage("fr"); // <html lang="fr" dir="ltr">
 */
export function applyDocumentLanguage(lang: string, root?: LanguageRoot): WritingDirection {
  const tag = normalizeLanguageTag(lang);
  const dir = directionOf(tag);
  const target = root ?? (typeof document === "undefined" ? undefined : document.documentElement);
  if (target === undefined) return dir;
  // Writing an unchanged attribute would still run style recalculation on every element.
  if (target.lang !== tag) target.lang = tag;
  if (target.dir !== dir) target.dir = dir;
  return dir;
}
