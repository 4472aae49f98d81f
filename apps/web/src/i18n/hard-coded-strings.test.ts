/**
 * Fails on a user-facing string written straight into a component instead of the catalog, and
 * on a `t("key")` whose key is not in en.json. Covers every .tsx of src/ui, src/editor, src/history and src/classes, and
 * the t() calls of every source file (the data layer's messages included).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { flattenCatalog } from "./catalog-keys.ts";
import classEn from "../classes/locales-en.json";
import commentsEn from "../comments/locales-en.json";
import transferEn from "../transfer/locales-en.json";
import historyEn from "../history/locales-en.json";
import suggestionsEn from "../suggestions/locales-en.json";
import en from "./locales/en.json";
import { findHardCodedStrings, findTranslationKeys } from "./source-strings.ts";

const SRC = join(import.meta.dirname, "..");

function sourceFiles(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe("hard-coded user-facing strings", () => {
  it("the detector sees JSX text, literal attributes and literal branches, and lets t() and symbols through", () => {
    const found = findHardCodedStrings(
      "x.tsx",
      `const a = <p title="Tip" aria-label={t("k")}>Hello {t("x")} · ✓ {cond ? "Yes" : t("no")}<img alt={\`Pic\`} /><b>Quire</b></p>;`,
    );
    expect(found.map((f) => `${f.where}:${f.text}`)).toEqual(["title:Tip", "JSX text:Hello", "JSX text:Yes", "alt:Pic"]);
  });

  const files = ["ui", "editor", "history", "classes", "comments", "suggestions"].flatMap((dir) => sourceFiles(join(SRC, dir), (n) => n.endsWith(".tsx")));
  it.each(files.map((f) => [relative(SRC, f), f]))("%s has none", (_name, file) => {
    const found = findHardCodedStrings(file, readFileSync(file, "utf8")).map((f) => `line ${f.line} (${f.where}): ${JSON.stringify(f.text)}`);
    expect(found, "put these in i18n/locales/en.json and use t()").toEqual([]);
  });
});

describe("keys the code asks for", () => {
  // English's history panel, class dashboard, comments, suggestions and export strings ship with them (src/*/locales-en.json).
  const keys = new Set([...flattenCatalog(en).keys(), ...flattenCatalog(historyEn).keys(), ...flattenCatalog(classEn).keys(), ...flattenCatalog(commentsEn).keys(), ...flattenCatalog(suggestionsEn).keys(), ...flattenCatalog(transferEn).keys()]);
  const files = sourceFiles(SRC, (n) => /\.tsx?$/.test(n) && !n.endsWith(".d.ts"));
  it("every literal t() key exists in en.json (with _one/_other when given a count)", () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const use of findTranslationKeys(file, readFileSync(file, "utf8"))) {
        const needed = use.plural && !keys.has(use.key) ? [`${use.key}_one`, `${use.key}_other`] : [use.key];
        for (const key of needed) if (!keys.has(key)) missing.push(`${relative(SRC, file)}:${use.line} ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
