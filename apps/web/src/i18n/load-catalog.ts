/**
 * @module load-catalog
 * Fetches a language's catalog. English is bundled into the first-load chunk (the fallback for
 * any missing key, and the default, so the first screen never shows keys); every other catalog
 * is its own lazily loaded chunk (`import.meta.glob` without `eager`), which the service worker
 * precaches like every built .js asset, so a language picked online still opens offline.
 *
 * Invariant: only files under ./locales are ever imported; the code comes from
 * SHIPPED_LANGUAGES, never straight from user input.
 */
import en from "./locales/en.json";
import type { Language } from "./languages.ts";

export type Catalog = typeof en;

const lazyCatalogs = import.meta.glob<{ default: Catalog }>(["./locales/*.json", "!./locales/en.json"]);

export async function loadCatalog(lang: Language): Promise<Catalog> {
  if (lang === "en") return en;
  const load = lazyCatalogs[`./locales/${lang}.json`];
  if (!load) throw new Error(`no catalog for language "${lang}"`);
  return (await load()).default;
}

export const englishCatalog: Catalog = en;
