/**
 * Every shipped language on the narrowest phone (issue 16, acceptance): with the language
 * chosen on the device (localStorage `quire.language`, as the picker remembers it), a student
 * opens the start screen, creates a workspace, opens the Invite box, creates a document, types
 * in it, opens the link box and "Who is writing?"; on every screen `<html lang>` is the language, no raw catalog key or
 * un-interpolated `{{placeholder}}` shows, no English text of a translated key is left, the page
 * does not scroll sideways and no button clips its text (a longer translation is fixed with
 * wording, never a smaller font).
 *
 * With nothing chosen on the device, the browser's language decides (sw-KE → Swahili; an
 * unshipped one → English).
 *
 * One classroom (one relay, one Chromium) for all languages, one phone-sized student each.
 * Locale-independent selectors only (form field names, test ids, classes): the English role
 * names of support/student.ts would not be found in the other languages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CatalogTree, flattenCatalog, pluralForm } from "../src/i18n/catalog-keys.ts";
import { SHIPPED_LANGUAGES } from "../src/i18n/languages.ts";
import { useClassroom } from "./support/classroom.ts";
import { overflow, textProblems, visibleTexts } from "./support/language-checks.ts";
import { contextOptions, PHONE } from "@quire/testkit";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

const LOCALES = join(import.meta.dirname, "../src/i18n/locales");
const catalog = (lang: string) => flattenCatalog(JSON.parse(readFileSync(join(LOCALES, `${lang}.json`), "utf8")) as CatalogTree);
const english = catalog("en");
/** Every key as the translator would show it when missing: each plural form and its base key. */
const KEYS = new Set([...english.keys()].flatMap((key) => [key, pluralForm(key).base]));

/** English texts `lang` translates differently: seeing one means a string escaped the language. */
function untranslatedIn(lang: string): Set<string> {
  if (lang === "en") return new Set();
  const own = catalog(lang);
  const out = new Set<string>();
  for (const [key, text] of english) {
    // Only plain, whole texts can be matched against the page; a translation identical to the
    // English (a name, "OK") says nothing.
    if (text.includes("{{") || own.get(key) === text) continue;
    if (![...own.values()].includes(text)) out.add(text);
  }
  return out;
}

async function expectTranslatedAndFitting(student: Student, lang: string, step: string): Promise<void> {
  const page = student.page;
  expect(await page.evaluate(() => document.documentElement.lang), `${lang}, ${step}: <html lang>`).toBe(lang);
  const problems = textProblems(await visibleTexts(page), KEYS, untranslatedIn(lang));
  expect(problems.rawKeys, `${lang}, ${step}: raw keys or placeholders on screen`).toEqual([]);
  expect(problems.english, `${lang}, ${step}: English left in the ${lang} interface`).toEqual([]);
  const fit = await overflow(page);
  expect(fit.page, `${lang}, ${step}: the page scrolls sideways by`).toBe(0);
  expect(fit.clipped, `${lang}, ${step}: buttons or placeholders clipping their text`).toEqual([]);
  expect((await sideways(page)).outside, `${lang}, ${step}: elements past the screen's edge`).toEqual([]);
}

/** The phone's document drawer slides in (from the left, or the right in Arabic): judge it in place. */
async function drawerInPlace(student: Student): Promise<void> {
  const nav = student.page.locator("nav.sidebar");
  await nav.waitFor();
  await waitUntil(
    async () => {
      const box = await nav.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= PHONE.viewport.width;
    },
    WAIT_MS,
    () => `${student.name}'s document drawer to finish sliding in`,
  );
}

describe("every shipped language on a 360 px phone", () => {
  const classroom = useClassroom();

  it.each(SHIPPED_LANGUAGES.map((lang) => [lang]))("%s: start screen, workspace, Invite box, a document typed in", async (lang) => {
    const student = await classroom.student(`Amina ${lang}`, PHONE);
    const page = student.page;
    await student.context.addInitScript((code) => localStorage.setItem("quire.language", code), lang);

    await page.goto("/");
    await page.locator(".start-form").waitFor();
    await expectTranslatedAndFitting(student, lang, "start screen");
    // The join tab has its own field, hint and button text.
    await page.locator(".tabs [role='tab']").nth(1).click();
    await page.locator("input[name='code']").waitFor();
    await expectTranslatedAndFitting(student, lang, "start screen, join tab");
    await page.locator(".tabs [role='tab']").nth(0).click();

    await page.locator("input[name='workspaceName']").fill(`Projet ${lang}`);
    await page.locator("input[name='userName']").fill(student.name);
    await page.locator(".start-form button[type='submit']").click();
    await page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    await page.locator(".empty").waitFor();
    await page.locator("[data-testid='connection'][data-state='online']").waitFor();
    await expectTranslatedAndFitting(student, lang, "empty workspace");

    // The owner's Invite box, once its storage figure has loaded from the relay.
    await page.locator(".share > .btn-primary").click();
    await page.locator("[data-testid='storage-usage'][data-state='ok']").waitFor();
    await expectTranslatedAndFitting(student, lang, "Invite box");
    await page.locator(".share-pop .share-close").click();

    // The document list is a drawer on a phone.
    await page.locator(".drawer-toggle").click();
    await drawerInPlace(student);
    await expectTranslatedAndFitting(student, lang, "document drawer");
    await page.locator(".sidebar-new").click();
    await page.waitForURL(/\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
    const title = page.locator(".doc-title-input");
    // A new document's shared title is the "untitled" mark; each reader sees it in their language.
    await waitUntil(
      async () => (await title.inputValue()) === catalog(lang).get("doc.untitled"),
      WAIT_MS,
      () => `${lang}: the new document's title field to say ${JSON.stringify(catalog(lang).get("doc.untitled"))}`,
    );
    await title.fill(`Devoir ${lang}`);
    await title.press("Enter");
    await student.editor.waitFor();
    await student.editor.click();
    await student.type("Habari, bonjour, مرحبا.");
    await page.locator("[data-testid='save-state'][data-relay='saved']").waitFor();
    await expectTranslatedAndFitting(student, lang, "editor");

    // The link box (Ctrl+K on the selected line) and its longest message, a refused address.
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Control+k");
    const address = page.locator(".link-editor input");
    await address.fill("not a link");
    await address.press("Enter");
    await page.locator(".link-editor-error").waitFor();
    await expectTranslatedAndFitting(student, lang, "link box, address refused");
    await address.press("Escape");
    await address.waitFor({ state: "detached" });

    // "Who is writing?" with its form for another writer on a shared laptop.
    await page.getByTestId("who-is-writing").click();
    await page.locator(".who-pop").waitFor();
    await page.locator(".who-pop > .btn-ghost:not(.share-close)").click();
    await page.locator(".who-add").waitFor();
    await expectTranslatedAndFitting(student, lang, "Who is writing?");
    await page.locator(".who-pop .share-close").click();

    // The list again, now with the document and its "edited … by …" line, and the Trash.
    await page.locator(".drawer-toggle").click();
    await drawerInPlace(student);
    await page.locator(".sidebar-trash-toggle").click();
    await page.locator("[data-testid='trash-list']").waitFor();
    await expectTranslatedAndFitting(student, lang, "document list and Trash");
    await student.close();
  });

  it("with no choice on the device, the browser's language is shown (Swahili for sw-KE, English for an unshipped one)", async () => {
    for (const [locale, expected] of [
      ["sw-KE", "sw"],
      ["de-DE", "en"],
    ] as const) {
      const context = await classroom.browser.newContext({ ...contextOptions(PHONE), locale, baseURL: classroom.relay.httpUrl });
      try {
        const page = await context.newPage();
        await page.goto("/");
        await page.locator(".start-form").waitFor();
        expect(await page.evaluate(() => document.documentElement.lang), locale).toBe(expected);
        expect(await page.locator(".start-form button[type='submit']").innerText(), locale).toBe(catalog(expected).get("start.create"));
      } finally {
        await context.close();
      }
    }
  });
});
