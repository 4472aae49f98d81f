/**
 * The translator's behaviour the app relies on (the slice of i18next it replaced), with small
 * catalogs of its own so a catalog edit cannot make these pass or fail.
 */
import { describe, expect, it, vi } from "vitest";
import type { CatalogTree } from "./catalog-keys.ts";
import { t as appT } from "./instance.ts";
import { Translator } from "./translator.ts";

const english: CatalogTree = {
  greet: "Hello {{name}}",
  nested: { deeper: { leaf: "Leaf" }, onlyEnglish: "Only in English" },
  raw: "<b>{{html}}</b> & {{ spaced }}",
  item_one: "{{count}} item",
  item_other: "{{count}} items",
  none_zero: "nothing",
  none_one: "one thing",
  none_other: "{{count}} things",
};
const arabic: CatalogTree = {
  greet: "مرحبا {{name}}",
  nested: { deeper: { leaf: "ورقة" } },
  item_zero: "zero",
  item_one: "one",
  item_two: "two",
  item_few: "few {{count}}",
  item_many: "many {{count}}",
  item_other: "other {{count}}",
};

// Untyped keys: these catalogs are not en.json.
type LooseT = (key: string, params?: Record<string, string | number>) => string;
function make(): { tr: Translator; t: LooseT } {
  const tr = new Translator("en", english);
  return { tr, t: tr.t as LooseT };
}

describe("Translator", () => {
  it("reads nested keys by dots and answers the key itself when nothing matches", () => {
    const { t } = make();
    expect(t("nested.deeper.leaf")).toBe("Leaf");
    expect(t("nested.deeper")).toBe("nested.deeper"); // an object, not text
    expect(t("nested.missing.leaf")).toBe("nested.missing.leaf");
    expect(t("greet.name")).toBe("greet.name"); // no walking into a string
    expect(t("toString")).toBe("toString"); // own keys only, not Object.prototype
  });

  it("interpolates without escaping (React escapes) and leaves a placeholder without a value visible", () => {
    const { t } = make();
    expect(t("raw", { html: "<i>x</i>", spaced: "&" })).toBe("<b><i>x</i></b> & &");
    expect(t("greet", { name: 3 })).toBe("Hello 3");
    expect(t("greet")).toBe("Hello {{name}}");
    expect(t("greet", {})).toBe("Hello {{name}}");
    expect(t("greet", { name: "$& {{name}}" })).toBe("Hello $& {{name}}"); // replacement patterns are not interpreted
  });

  it("picks plural forms by Intl.PluralRules, with count 0 trying _zero first, as i18next does", () => {
    const { tr, t } = make();
    expect(t("item", { count: 1 })).toBe("1 item");
    expect(t("item", { count: 2 })).toBe("2 items");
    expect(t("item", { count: 0 })).toBe("0 items");
    expect(t("none", { count: 0 })).toBe("nothing");
    expect(t("none", { count: 1 })).toBe("one thing");
    tr.addCatalog("ar", arabic);
    tr.changeLanguage("ar");
    expect([0, 1, 2, 3, 11, 100].map((count) => t("item", { count }))).toEqual(["zero", "one", "two", "few 3", "many 11", "other 100"]);
  });

  it("falls back to _other when a language lacks the form its rules ask for", () => {
    const { tr, t } = make();
    tr.addCatalog("ar", { item_other: "other {{count}}" });
    tr.changeLanguage("ar");
    expect(t("item", { count: 2 })).toBe("other 2");
  });

  it("falls back to English, with English plural rules, for a key missing in the current language", () => {
    const { tr, t } = make();
    tr.addCatalog("ar", arabic);
    tr.changeLanguage("ar");
    expect(t("greet", { name: "Amina" })).toBe("مرحبا Amina");
    expect(t("nested.onlyEnglish")).toBe("Only in English");
    expect(t("none", { count: 2 })).toBe("2 things"); // Arabic "two" → English "other"
    expect(t("absent")).toBe("absent");
  });

  it("notifies subscribers on a real change only, and refuses a language without a catalog", () => {
    const { tr, t } = make();
    const listener = vi.fn();
    const unsubscribe = tr.subscribe(listener);
    expect(() => tr.changeLanguage("fr")).toThrow(/no catalog/);
    tr.addCatalog("fr", { greet: "Bonjour {{name}}" });
    expect(tr.hasCatalog("fr")).toBe(true);
    tr.changeLanguage("fr");
    tr.changeLanguage("fr");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(tr.language).toBe("fr");
    expect(t("greet", { name: "Ana" })).toBe("Bonjour Ana");
    unsubscribe();
    tr.changeLanguage("en");
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("merges a lazy chunk's strings into a catalog without overwriting its texts", () => {
    const { tr, t } = make();
    tr.mergeCatalog("en", { greet: "Hi", nested: { deeper: { leaf: "Other", twig: "Twig" }, added: "Added" }, panel: { title: "Panel" } });
    expect([t("greet", { name: "A" }), t("nested.deeper.leaf"), t("nested.deeper.twig"), t("nested.added"), t("panel.title")]).toEqual([
      "Hello A",
      "Leaf",
      "Twig",
      "Added",
      "Panel",
    ]);
    expect(t("nested.onlyEnglish")).toBe("Only in English");
    tr.mergeCatalog("sw", { greet: "Habari {{name}}" });
    expect(tr.hasCatalog("sw")).toBe(true);
  });

  it("gives one stable t per language, bound to it", () => {
    const { tr } = make();
    tr.addCatalog("fr", { greet: "Bonjour {{name}}" });
    const fr = tr.fixedT("fr") as LooseT;
    expect(tr.fixedT("fr")).toBe(fr);
    expect(tr.fixedT("en")).not.toBe(fr);
    expect(fr("greet", { name: "Ana" })).toBe("Bonjour Ana");
    expect(tr.language).toBe("en");
  });

  it("types keys against en.json", () => {
    expect(appT("doc.untitled")).not.toBe("doc.untitled");
    // @ts-expect-error a key missing from en.json fails the typecheck
    expect(appT("doc.noSuchKey")).toBe("doc.noSuchKey");
  });
});
