/**
 * @module languages
 * The languages Quire ships and how each names itself. SHIPPED_LANGUAGES is the one list the
 * picker, the loader and the catalog check (catalog.test.ts) read: a language is shipped only
 * when its catalog (locales/<code>.json) is complete, so adding a code here makes the check
 * demand every key and every plural form of that language.
 *
 * Invariants: "en" is first and always shipped (the bundled fallback); codes are bare
 * ISO 639-1 subtags, the same as the catalog file names.
 */

export const SHIPPED_LANGUAGES = ["en", "fr", "es", "pt", "sw", "ar"] as const;

export type Language = (typeof SHIPPED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/**
 * Each language's own name for itself (an autonym), shown as is in every interface language
 * so a student can find theirs without reading the current one. Not translated on purpose.
 * Lists every language Quire plans to ship, so extending SHIPPED_LANGUAGES needs no edit here.
 */
export const LANGUAGE_AUTONYMS: Readonly<Record<string, string>> = {
  en: "English",
  fr: "Français",
  es: "Español",
  pt: "Português",
  sw: "Kiswahili",
  ar: "العربية",
};

export function isShippedLanguage(code: string): code is Language {
  return (SHIPPED_LANGUAGES as readonly string[]).includes(code);
}

/**
 * The shipped language closest to a BCP 47 tag ("fr-CA" → "fr"), or null. Matching on the
 * primary subtag is enough for the languages we ship (one catalog per language).
 */
export function matchShippedLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return isShippedLanguage(primary) ? primary : null;
}

/**
 * The language to show: the one chosen on this device if still shipped, else the first of the
 * browser's languages we ship, else English.
 */
export function pickLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  const chosen = matchShippedLanguage(stored);
  if (chosen) return chosen;
  for (const tag of browserLanguages) {
    const match = matchShippedLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
