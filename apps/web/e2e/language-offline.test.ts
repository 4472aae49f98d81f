/**
 * The language picker (issue 16, I1): a student picks French on the start screen while online;
 * the choice is remembered on the device and French comes back after a reload with no network:
 * the service worker serves the app, and the French catalog (its own file, fetched only when
 * chosen) was kept on the device when it was fetched (i18n/catalog-cache.ts). English pages
 * never download it: the first load carries only the English catalog. A catalog that hangs
 * does not hold the first screen (i18n.ts FIRST_RENDER_CATALOG_WAIT_MS).
 *
 * Texts are compared with the catalogs on disk, so a rewording in fr.json does not break this.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CatalogTree, flattenCatalog } from "../src/i18n/catalog-keys.ts";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const LOCALES = join(import.meta.dirname, "../src/i18n/locales");
const text = (lang: string, key: string): string => {
  const value = flattenCatalog(JSON.parse(readFileSync(join(LOCALES, `${lang}.json`), "utf8")) as CatalogTree).get(key);
  if (value === undefined) throw new Error(`${lang}.json has no ${key}`);
  return value;
};

describe("language picker", () => {
  const classroom = useClassroom();

  it("remembers French on the device and shows it after an offline reload", async () => {
    const ana = await classroom.student("Ana");
    const page = ana.page;
    const catalogRequests: string[] = [];
    page.on("request", (request) => {
      if (/\/assets\/fr-[\w-]+\.json$/.test(new URL(request.url()).pathname)) catalogRequests.push(request.url());
    });

    await page.goto("/");
    // English by default (navigator.language is en-US), and the French catalog not fetched.
    const createTab = page.getByRole("tab").first();
    await expect.poll(() => createTab.textContent()).toBe(text("en", "start.tabCreate"));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(catalogRequests).toEqual([]);

    await page.getByTestId("language-picker").first().selectOption("fr");
    await expect.poll(() => createTab.textContent(), { timeout: WAIT_MS }).toBe(text("fr", "start.tabCreate"));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    expect(await page.evaluate(() => localStorage.getItem("quire.language"))).toBe("fr");
    expect(catalogRequests.length).toBe(1);

    // The worker precached the app; the French catalog is in the device's catalog cache.
    await ana.waitForServiceWorker();
    // Without the browser's HTTP cache, which also kept the file but may evict it any time:
    // what must hold is the copy the app kept on purpose.
    const cdp = await ana.context.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await ana.setOffline(true);
    await page.reload();
    await waitUntil(
      async () => (await createTab.textContent().catch(() => null)) === text("fr", "start.tabCreate"),
      WAIT_MS,
      () => "the start screen in French after the offline reload",
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    expect(await page.getByTestId("language-picker").first().inputValue()).toBe("fr");
    // Not a flash of English first: the page rendered once the catalog was in.
    expect(await page.getByText(text("en", "start.tagline")).count()).toBe(0);
    await ana.setOffline(false);
  });

  it("renders in English when the chosen catalog hangs, and switches once it arrives", async () => {
    const ben = await classroom.student("Ben");
    const page = ben.page;
    await ben.context.addInitScript(() => localStorage.setItem("quire.language", "fr"));
    // A school link that accepts the request and never answers, until we let it.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/fr-[\w-]+\.json$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto("/");
    const createTab = page.getByRole("tab").first();
    await waitUntil(
      async () => (await createTab.textContent().catch(() => null)) === text("en", "start.tabCreate"),
      WAIT_MS,
      () => "the start screen in English while the French catalog hangs",
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    release();
    await waitUntil(
      async () => (await createTab.textContent().catch(() => null)) === text("fr", "start.tabCreate"),
      WAIT_MS,
      () => "the start screen in French once the catalog arrived",
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
  });
});
