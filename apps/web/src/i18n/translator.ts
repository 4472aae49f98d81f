/**
 * @module translator
 * The app's translator: catalogs by language, the current language, and `t`. It replaces
 * i18next (≈ 49 KB minified in the first-load chunk, ≈ 15 KB brotli with react-i18next) with
 * the slice of it Quire uses, and behaves like it for that slice:
 *
 * - `t("a.b.c")` reads nested catalogs by dots; a key found nowhere comes back as the key
 *   itself (what the e2e language checks look for).
 * - `{{name}}` placeholders are replaced by `String(value)` with no HTML escaping: React
 *   escapes what it renders (i18next's `escapeValue: false`). A placeholder without a value
 *   stays visible as written (i18next's `skipOnVariables`), so a bug shows instead of vanishing.
 * - With a numeric `count`, the form is `key_zero` (count 0 only, as i18next), then
 *   `key_<Intl.PluralRules(lang) category>`, then `key_other`, then `key`.
 * - A key missing in the current language is looked up in the fallback (English), with
 *   English plural rules.
 *
 * Invariant: the fallback catalog is given at construction, so `t` answers before anything
 * else loads; `changeLanguage` only switches to a language whose catalog was added.
 */
import type { CatalogTree } from "./catalog-keys.ts";
import type classEn from "../classes/locales-en.json";
import type commentsEn from "../comments/locales-en.json";
import type transferEn from "../transfer/locales-en.json";
import type historyEn from "../history/locales-en.json";
import type suggestionsEn from "../suggestions/locales-en.json";
import type en from "./locales/en.json";

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
/** Every dotted path to a string in a catalog. */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** `a.b_one` → `a.b`, so a plural is asked for by its base key, as with i18next. */
type PluralBase<K extends string> = { [S in PluralSuffix]: K extends `${infer B}_${S}` ? B : never }[PluralSuffix];

/**
 * English: the bundled catalog, the history panel's strings (shipped in the panel's chunk),
 * the class dashboard's (in its chunk) and the comments' (with the comments code). Their
 * `history` and `class` sections are merged deep.
 */
type English = typeof en & typeof historyEn & typeof classEn & typeof commentsEn & typeof suggestionsEn & typeof transferEn;
/**
 * A key of the English catalog (or the base key of a plural in it): a key missing from en.json
 * (or history/, classes/, comments/ or transfer/locales-en.json) fails the typecheck instead of showing a raw key to a student.
 */
export type TranslationKey = Leaves<English> | PluralBase<Leaves<English>>;
export type TranslationParams = Readonly<Record<string, string | number>>;
export type TFunction = (key: TranslationKey, params?: TranslationParams) => string;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

function lookup(tree: CatalogTree | undefined, key: string): string | undefined {
  let node: string | CatalogTree | undefined = tree;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string" || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** `base` with the keys of `extra` it lacks, at any depth; `base`'s own texts win. */
function mergeMissing(base: CatalogTree, extra: CatalogTree): CatalogTree {
  const out: Record<string, string | CatalogTree> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const mine = Object.hasOwn(base, key) ? base[key] : undefined;
    if (mine === undefined) out[key] = value;
    else if (typeof mine !== "string" && typeof value !== "string") out[key] = mergeMissing(mine, value);
  }
  return out;
}

function interpolate(text: string, params: TranslationParams | undefined): string {
  if (params === undefined) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export class Translator {
  #language: string;
  readonly #fallback: string;
  readonly #catalogs = new Map<string, CatalogTree>();
  readonly #plurals = new Map<string, Intl.PluralRules>();
  readonly #fixed = new Map<string, TFunction>();
  readonly #listeners = new Set<() => void>();

  constructor(fallback: string, catalog: CatalogTree) {
    this.#language = fallback;
    this.#fallback = fallback;
    this.#catalogs.set(fallback, catalog);
  }

  /** The current language's code. */
  get language(): string {
    return this.#language;
  }

  hasCatalog(lang: string): boolean {
    return this.#catalogs.has(lang);
  }

  /** Adds (or replaces) a language's catalog; it is used from the next `t` call on. */
  addCatalog(lang: string, catalog: CatalogTree): void {
    this.#catalogs.set(lang, catalog);
  }

  /**
   * Adds the keys of `catalog` that `lang` lacks, keeping those it has (i18next's deep,
   * no-overwrite addResourceBundle): how a lazy chunk brings its own English strings.
   */
  mergeCatalog(lang: string, catalog: CatalogTree): void {
    const current = this.#catalogs.get(lang);
    this.#catalogs.set(lang, current === undefined ? catalog : mergeMissing(current, catalog));
  }

  /** Switches language and tells every subscriber (React re-renders through useTranslation). */
  changeLanguage(lang: string): void {
    if (!this.#catalogs.has(lang)) throw new Error(`no catalog added for language "${lang}"`);
    if (lang === this.#language) return;
    this.#language = lang;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Calls `listener` after each language change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Translates in the current language (read at call time). */
  t: TFunction = (key, params) => this.#translate(this.#language, key, params);

  /**
   * A `t` bound to one language, the same function each time for that language: React code
   * that lists `t` as a dependency re-runs when the language changes (as with react-i18next).
   */
  fixedT(lang: string): TFunction {
    let fixed = this.#fixed.get(lang);
    if (fixed === undefined) {
      fixed = (key, params) => this.#translate(lang, key, params);
      this.#fixed.set(lang, fixed);
    }
    return fixed;
  }

  #translate(lang: string, key: string, params: TranslationParams | undefined): string {
    const count = params?.count;
    for (const code of lang === this.#fallback ? [lang] : [lang, this.#fallback]) {
      const catalog = this.#catalogs.get(code);
      for (const candidate of typeof count === "number" ? this.#pluralKeys(code, key, count) : [key]) {
        const text = lookup(catalog, candidate);
        if (text !== undefined) return interpolate(text, params);
      }
    }
    return key;
  }

  #pluralKeys(lang: string, key: string, count: number): string[] {
    let rules = this.#plurals.get(lang);
    if (rules === undefined) {
      rules = new Intl.PluralRules(lang);
      this.#plurals.set(lang, rules);
    }
    const keys = [`${key}_${rules.select(count)}`, `${key}_other`, key];
    return count === 0 ? [`${key}_zero`, ...keys] : keys;
  }
}
