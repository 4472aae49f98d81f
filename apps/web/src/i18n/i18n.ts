/**
 * @module i18n
 * The interface language: loading catalogs, switching, remembering the choice.
 *
 * Why an in-house translator (translator.ts) rather than i18next + react-i18next: Quire uses a
 * narrow slice of them (dotted keys, `{{placeholders}}`, plurals by the browser's own
 * Intl.PluralRules, an English fallback, a re-render on language change), and they cost
 * ≈ 54 KB minified (≈ 15 KB brotli) of the first-load chunk against issue 10's 250 KB budget.
 * Plurals still come from Intl.PluralRules, so Arabic's six forms need no data we ship.
 *
 * Invariants:
 * - The instance (instance.ts) has English loaded synchronously; React reads it through
 *   use-translation.ts.
 * - `setupLanguage()` resolves once the chosen language's catalog is in: main.tsx awaits it
 *   before the first render, so no screen ever flashes English or raw keys.
 * - Every language change goes through `changeLanguage`, which loads the catalog first, then
 *   switches, remembers the choice on this device and sets `<html lang dir>`.
 */
import { applyDocumentLanguage } from "./document-direction.ts";
import { i18n } from "./instance.ts";
import { loadCatalog } from "./load-catalog.ts";
import { readStoredLanguage, storeLanguage } from "./language-preference.ts";
import { DEFAULT_LANGUAGE, type Language, matchShippedLanguage, pickLanguage } from "./languages.ts";

export { i18n, t } from "./instance.ts";

/** The current interface language (always a shipped one). */
export function currentLanguage(): Language {
  return matchShippedLanguage(i18n.language) ?? DEFAULT_LANGUAGE;
}

async function switchTo(lang: Language): Promise<void> {
  if (!i18n.hasCatalog(lang)) i18n.addCatalog(lang, await loadCatalog(lang));
  i18n.changeLanguage(lang);
  applyDocumentLanguage(lang);
}

/**
 * How long the first render waits for a chosen language's catalog (~5 KB, 0.1 s at 500 kbit/s)
 * before it shows English; the language follows when the catalog arrives. Without a bound, a
 * link that hangs (school Wi-Fi that accepts the request and never answers) left the page blank.
 */
export const FIRST_RENDER_CATALOG_WAIT_MS = 4_000;

/**
 * Picks the language for this page (remembered choice, else the browser's, else English) and
 * loads it. Never rejects: a catalog that cannot load leaves the interface in English; one
 * slower than FIRST_RENDER_CATALOG_WAIT_MS lets the page render in English and switches later.
 */
export async function setupLanguage(waitMs = FIRST_RENDER_CATALOG_WAIT_MS): Promise<Language> {
  const lang = pickLanguage(readStoredLanguage(), typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language]);
  const loaded = switchTo(lang).then(
    () => lang,
    async (error: unknown) => {
      console.warn(`[quire] the ${lang} catalog did not load; showing English`, error);
      await switchTo(DEFAULT_LANGUAGE);
      return DEFAULT_LANGUAGE;
    },
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const first = await Promise.race([loaded, late]);
  clearTimeout(timer);
  if (first !== null) return first;
  console.warn(`[quire] the ${lang} catalog is slow; showing English until it arrives`);
  applyDocumentLanguage(DEFAULT_LANGUAGE);
  return DEFAULT_LANGUAGE;
}

/** The language picker's action: load, switch, and remember the choice on this device. */
export async function changeLanguage(lang: Language): Promise<void> {
  await switchTo(lang);
  storeLanguage(lang);
}
