/// <reference types="vite/client" />
// (above) import.meta.glob is Vite's: the bench type-checks this file through the data layer without the app's tsconfig, so the types come with the file.
/**
 * @module load-catalog
 * Fetches a language's catalog. English is bundled into the first-load chunk (the fallback for
 * any missing key, and the default, so the first screen never shows keys); every other catalog
 * is a JSON file of its own (hashed name, precompressed like every asset), fetched only when
 * that language is chosen and kept on the device for offline use (catalog-cache.ts).
 *
 * Invariants: only files under ./locales are ever fetched, the code comes from
 * SHIPPED_LANGUAGES, never straight from user input; a fetched catalog is checked to be a
 * tree of strings before the translator sees it (the Cache API and the network are outside the app).
 */
import { type CatalogTree, flattenCatalog } from "./catalog-keys.ts";
import { fetchCatalog } from "./catalog-cache.ts";
import type { Language } from "./languages.ts";
import en from "./locales/en.json";

export type Catalog = typeof en;

/** Build-time URLs of the other catalogs (`?url`: emitted as files, not inlined as code). */
const catalogUrls = import.meta.glob<string>(["./locales/*.json", "!./locales/en.json"], { query: "?url", import: "default", eager: true });

export function catalogUrl(lang: Language): string | null {
  return lang === "en" ? null : (catalogUrls[`./locales/${lang}.json`] ?? null);
}

export async function loadCatalog(lang: Language): Promise<Catalog> {
  if (lang === "en") return en;
  const url = catalogUrl(lang);
  if (!url) throw new Error(`no catalog for language "${lang}"`);
  const data = await fetchCatalog(url, Object.values(catalogUrls));
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error(`catalog ${url} is not an object`);
  flattenCatalog(data as CatalogTree); // throws on a value that is neither text nor a nested object
  return data as Catalog;
}

export const englishCatalog: Catalog = en;
