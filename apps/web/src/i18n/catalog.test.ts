/**
 * Every shipped language has exactly the keys of the English catalog, every plural form that
 * `Intl.PluralRules` says the language uses (Arabic: zero, one, two, few, many, other), no
 * empty text, and the same `{{placeholders}}` (`{{count}}` may be left out of a form that
 * spells the number, like Arabic's dual). A key missing here would show English or a raw key.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CatalogTree, flattenCatalog, placeholders, pluralForm } from "./catalog-keys.ts";
import { SHIPPED_LANGUAGES } from "./languages.ts";

const LOCALES = join(import.meta.dirname, "locales");
/**
 * English is several files: the bundled catalog and the history panel's, class dashboard's,
 * comments', suggestions' and export appendix's strings, which ship in their own chunks
 * (src/{history,classes,comments,suggestions,transfer}/locales-en.json) to keep them off the first visit.
 * Every other language keeps all its keys in its one catalog.
 */
const readCatalog = (lang: string): Map<string, string> => {
  const catalog = flattenCatalog(JSON.parse(readFileSync(join(LOCALES, `${lang}.json`), "utf8")) as CatalogTree);
  if (lang !== "en") return catalog;
  const chunk = (dir: string) => flattenCatalog(JSON.parse(readFileSync(join(import.meta.dirname, "..", dir, "locales-en.json"), "utf8")) as CatalogTree);
  return new Map([...catalog, ...chunk("history"), ...chunk("classes"), ...chunk("comments"), ...chunk("suggestions"), ...chunk("transfer")]);
};

/** base key → forms present (null = plain key). */
function byBase(catalog: Map<string, string>): Map<string, Set<string | null>> {
  const out = new Map<string, Set<string | null>>();
  for (const key of catalog.keys()) {
    const { base, form } = pluralForm(key);
    const forms = out.get(base) ?? new Set();
    forms.add(form);
    out.set(base, forms);
  }
  return out;
}

const withoutCount = (text: string): string[] => placeholders(text).filter((p) => p !== "count");

/** Problems of `lang` measured against English; empty when the catalog is complete. */
function catalogProblems(lang: string, catalog: Map<string, string>, english: Map<string, string>): string[] {
  const problems: string[] = [];
  const required = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
  const enBases = byBase(english);
  const langBases = byBase(catalog);
  for (const [base, enForms] of enBases) {
    const isPlural = !enForms.has(null);
    const forms = langBases.get(base);
    if (!forms) {
      problems.push(`missing ${base}`);
      continue;
    }
    if (isPlural) {
      for (const form of required) if (!forms.has(form)) problems.push(`missing plural form ${base}_${form}`);
      for (const form of forms) if (form === null || !required.includes(form)) problems.push(`unused form ${form === null ? base : `${base}_${form}`}`);
    } else if (forms.size !== 1 || !forms.has(null)) {
      problems.push(`${base} is plain in English but has plural forms`);
    }
    const enText = english.get(base) ?? english.get(`${base}_other`) ?? "";
    for (const form of forms) {
      const key = form === null ? base : `${base}_${form}`;
      const text = catalog.get(key) ?? "";
      if (text.trim() === "") problems.push(`empty ${key}`);
      if (withoutCount(text).join() !== withoutCount(enText).join()) problems.push(`placeholders of ${key}: {{${withoutCount(text)}}} vs English {{${withoutCount(enText)}}}`);
      if (placeholders(text).some((p) => p === "count") && !placeholders(enText).includes("count")) problems.push(`${key} uses {{count}}, English does not`);
    }
  }
  for (const base of langBases.keys()) if (!enBases.has(base)) problems.push(`not in English: ${base}`);
  return problems;
}

describe("catalogs", () => {
  const english = readCatalog("en");

  it("the check itself catches a missing key, a missing Arabic plural form and a changed placeholder", () => {
    const en = new Map([
      ["a.title", "Hello {{name}}"],
      ["a.files_one", "{{count}} file"],
      ["a.files_other", "{{count}} files"],
    ]);
    const ar = new Map([
      ["a.title", "مرحبا {{nom}}"],
      ["a.files_one", "ملف واحد"],
      ["a.files_other", "{{count}} ملف"],
    ]);
    const problems = catalogProblems("ar", ar, en);
    expect(problems).toContain("missing plural form a.files_zero");
    expect(problems).toContain("missing plural form a.files_few");
    expect(problems.some((p) => p.startsWith("placeholders of a.title"))).toBe(true);
    expect(catalogProblems("fr", new Map([["a.files_one", "x"], ["a.files_other", "y"]]), en)).toContain("missing a.title");
  });

  it.each(SHIPPED_LANGUAGES.map((lang) => [lang]))("%s is complete", (lang) => {
    expect(existsSync(join(LOCALES, `${lang}.json`)), `locales/${lang}.json`).toBe(true);
    expect(catalogProblems(lang, readCatalog(lang), english)).toEqual([]);
  });
});
