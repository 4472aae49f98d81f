/**
 * @module i18n
 * The interface language: one i18next instance, wired to React through react-i18next.
 *
 * Why i18next + react-i18next (over FormatJS): plurals come from the browser's own
 * Intl.PluralRules, so Arabic's six forms (`_zero`, `_one`, `_two`, `_few`, `_many`, `_other`)
 * need no data we ship; catalogs are plain JSON that can be added language by language and
 * loaded lazily (`addResourceBundle`); both libraries are widely used and actively maintained;
 * and the cost is known: i18next, react-i18next and en.json add ≈ 19 KB brotli to the first
 * load (e2e first-load-bytes: 245 KB of the 250 KB budget).
 *
 * Invariants:
 * - The instance (instance.ts) has English loaded synchronously; this module adds React.
 * - `setupLanguage()` resolves once the chosen language's catalog is in: main.tsx awaits it
 *   before the first render, so no screen ever flashes English or raw keys.
 * - Every language change goes through `changeLanguage`, which loads the catalog first, then
 *   switches, remembers the choice on this device and sets `<html lang dir>`.
 */
import { setI18n } from "react-i18next";
import { applyDocumentLanguage } from "./document-direction.ts";
import { i18n } from "./instance.ts";
import { loadCatalog } from "./load-catalog.ts";
import { readStoredLanguage, storeLanguage } from "./language-preference.ts";
import { DEFAULT_LANGUAGE, type Language, matchShippedLanguage, pickLanguage } from "./languages.ts";

export { i18n, t } from "./instance.ts";

// useTranslation() reads this instance (the same one the data layer's `t` uses).
setI18n(i18n);

/** The current interface language (always a shipped one). */
export function currentLanguage(): Language {
  return matchShippedLanguage(i18n.language) ?? DEFAULT_LANGUAGE;
}

async function switchTo(lang: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lang, "translation")) {
    i18n.addResourceBundle(lang, "translation", await loadCatalog(lang), true, true);
  }
  await i18n.changeLanguage(lang);
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
