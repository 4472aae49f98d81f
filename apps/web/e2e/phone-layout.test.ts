/**
 * Phones and tablets (issue 10, item 2): at 360×740 and 768×1024, with Chromium's own touch and
 * mobile emulation, a student creates a doc, types, formats, and opens another doc, and after
 * every step nothing scrolls sideways, the page uses the width it has, and every toolbar
 * button is a touch target of at least 44×44 px. On the phone the document list is a drawer
 * behind a "Documents" button that opens and closes it.
 *
 * Before the responsive layout the phone kept a 200 px sidebar and gave the page 160 px.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { PHONE, type Screen, TABLET } from "@quire/testkit";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

/** Smallest touch target (WCAG 2.5.5, Apple and Android guidelines). */
const TOUCH_PX = 44;

interface Widths {
  viewport: number;
  document: number;
  /** The scroll container of the page area: wider content would scroll sideways in it. */
  main: { scroll: number; client: number } | null;
  editor: number | null;
}

async function widths(page: Page): Promise<Widths> {
  return page.evaluate(() => {
    const main = document.querySelector<HTMLElement>(".workspace-main");
    const editor = document.querySelector<HTMLElement>(".editor");
    return {
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      main: main ? { scroll: main.scrollWidth, client: main.clientWidth } : null,
      editor: editor ? editor.getBoundingClientRect().width : null,
    };
  });
}

async function expectNoSidewaysScroll(student: Student, step: string): Promise<Widths> {
  const w = await widths(student.page);
  expect(w.document, `${step}: the page scrolls sideways`).toBeLessThanOrEqual(w.viewport);
  if (w.main) expect(w.main.scroll, `${step}: the document area scrolls sideways`).toBeLessThanOrEqual(w.main.client);
  expect((await sideways(student.page)).outside, `${step}: elements past the screen's edge`).toEqual([]);
  return w;
}

async function expectTouchSizedToolbar(student: Student): Promise<void> {
  const controls = student.page.getByRole("toolbar", { name: "Formatting" }).locator("button, select");
  const count = await controls.count();
  expect(count).toBeGreaterThan(10);
  for (let i = 0; i < count; i++) {
    const box = await controls.nth(i).boundingBox();
    const label = (await controls.nth(i).getAttribute("aria-label")) ?? `control ${i}`;
    expect(box, label).not.toBeNull();
    expect(box?.width ?? 0, `${label} width`).toBeGreaterThanOrEqual(TOUCH_PX);
    expect(box?.height ?? 0, `${label} height`).toBeGreaterThanOrEqual(TOUCH_PX);
  }
}

/** True when the page shows the document's title whole: some visible element holds all of it unclipped. */
function titleShownWhole(page: Page, title: string): Promise<boolean> {
  return page.evaluate(
    (title) =>
      [...document.querySelectorAll<HTMLElement>(".document-head *")].some((el) => {
        const style = getComputedStyle(el);
        if (style.visibility !== "visible" || Number(style.opacity) === 0 || el.getClientRects().length === 0) return false;
        const text = el instanceof HTMLInputElement ? el.value : (el.textContent ?? "");
        return text === title && el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1;
      }),
    title,
  );
}

describe.each([PHONE, TABLET])("layout on a $name ($viewport.width×$viewport.height)", (screen: Screen) => {
  const classroom = useClassroom();
  const narrow = screen.viewport.width < 768;

  it("creates a doc, types, formats and opens another doc without sideways scrolling", async () => {
    const ana = await classroom.student("Ana", screen);
    await ana.page.goto("/");
    await expectNoSidewaysScroll(ana, "start screen");
    await ana.createWorkspace("Geography on the bus");
    await expectNoSidewaysScroll(ana, "empty workspace");

    const nav = ana.page.getByRole("navigation", { name: "Documents" });
    if (narrow) {
      // The list is a drawer: closed, it takes no room; a named button opens and closes it.
      await expect(ana.documentsToggle.isVisible()).resolves.toBe(true);
      expect(await ana.documentsToggle.getAttribute("aria-expanded")).toBe("false");
      await expect(nav.isVisible()).resolves.toBe(false);
      const toggleBox = await ana.documentsToggle.boundingBox();
      expect(toggleBox?.width ?? 0).toBeGreaterThanOrEqual(TOUCH_PX);
      expect(toggleBox?.height ?? 0).toBeGreaterThanOrEqual(TOUCH_PX);
      await ana.documentsToggle.tap();
      await nav.waitFor();
      // It slides in; judge the layout once it is in place.
      await waitUntil(async () => ((await nav.boundingBox())?.x ?? -1) >= 0, WAIT_MS, () => "the drawer to finish sliding in");
      expect(await ana.documentsToggle.getAttribute("aria-expanded")).toBe("true");
      // Focus moves into the list and the page behind it is inert.
      expect(await ana.page.evaluate(() => document.activeElement?.closest("#documents-drawer") !== null)).toBe(true);
      expect(await ana.page.locator(".workspace-main").getAttribute("inert")).not.toBeNull();
      await expectNoSidewaysScroll(ana, "drawer open");
      await ana.page.keyboard.press("Escape");
      await nav.waitFor({ state: "hidden" });
      await expect(ana.documentsToggle.isVisible()).resolves.toBe(true);
      expect(await ana.page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Documents");
      expect(await ana.page.locator(".workspace-main").getAttribute("inert")).toBeNull();
    } else {
      await expect(ana.documentsToggle.isVisible()).resolves.toBe(false);
      await expect(nav.isVisible()).resolves.toBe(true);
    }

    const longTitle = "Rivers of Europe, their sources and the seas they reach";
    await ana.newDocument(longTitle);
    if (narrow) await nav.waitFor({ state: "hidden" });
    await ana.caretAtEnd();
    // A title longer than the screen is wide wraps instead of being cut (issue 10: "the title cut").
    await waitUntil(() => titleShownWhole(ana.page, longTitle), WAIT_MS, () => "the whole title to show");
    await ana.type("The Danube flows through ten countries before it reaches the Black Sea.");
    let w = await expectNoSidewaysScroll(ana, "typing");
    // The page takes the width it has: all of a phone's, all but the sidebar's on a tablet.
    const sidebarWidth = narrow ? 0 : ((await nav.boundingBox())?.width ?? 0);
    expect(w.editor ?? 0).toBeGreaterThanOrEqual(w.viewport - sidebarWidth - (narrow ? 2 : 72));
    await expectTouchSizedToolbar(ana);

    await ana.selectText("Danube");
    await ana.page.getByRole("button", { name: "Bold" }).tap();
    await ana.editor.locator(".ed-bold", { hasText: "Danube" }).waitFor();
    await ana.page.getByLabel("Text style").selectOption("h2");
    await ana.editor.locator("h2", { hasText: "Black Sea" }).waitFor();
    await expectNoSidewaysScroll(ana, "formatting");
    // The link box opens from a button in the scrolling toolbar, yet is shown whole on screen.
    await ana.selectText("ten countries");
    await ana.page.getByRole("button", { name: "Link" }).tap();
    const address = ana.page.getByLabel("Link address");
    await address.fill("en.wikipedia.org/wiki/Danube");
    const linkBox = await address.boundingBox();
    expect(linkBox && linkBox.x >= 0 && linkBox.x + linkBox.width <= w.viewport && linkBox.y >= 0).toBe(true);
    await expectNoSidewaysScroll(ana, "link box");
    await ana.page.getByRole("button", { name: "Add link" }).tap();
    await ana.editor.locator('a[href="https://en.wikipedia.org/wiki/Danube"]', { hasText: "ten countries" }).waitFor();
    await ana.waitForRelaySaved();

    await ana.newDocument("Mountains");
    await ana.caretAtEnd();
    await ana.type("Mont Blanc is 4,806 m high.");
    await expectNoSidewaysScroll(ana, "second doc");

    // Back to the first doc through the list (the drawer on a phone, which closes on choosing).
    await ana.openFromSidebar("Rivers of Europe");
    await ana.waitForText(["The Danube flows through ten countries"]);
    if (narrow) {
      await nav.waitFor({ state: "hidden" });
      expect(await ana.documentsToggle.getAttribute("aria-expanded")).toBe("false");
    }
    w = await expectNoSidewaysScroll(ana, "opened another doc");
    // The sidebar measured now: it settles to its own width once its controls have loaded.
    const sidebarNow = narrow ? 0 : ((await nav.boundingBox())?.width ?? 0);
    // Content wider than the screen makes Chromium widen the layout viewport (zoom out) rather
    // than scroll: the top bar did so on a tablet (807 px in 768).
    expect(w.viewport, "the page is laid out at the screen's width").toBe(screen.viewport.width);
    expect(w.editor ?? 0).toBeGreaterThanOrEqual(w.viewport - sidebarNow - (narrow ? 2 : 72));

    if (narrow) {
      // A drawer left open when the screen turns wide closes: no button would be left to close it.
      await ana.documentsToggle.tap();
      await nav.waitFor();
      await ana.page.setViewportSize({ width: 1024, height: 700 });
      await ana.page.waitForFunction(() => document.querySelector(".workspace-main")?.getAttribute("inert") === null);
      await expect(nav.isVisible()).resolves.toBe(true);
      await ana.editor.click();
      await ana.type(" Typed after turning the phone.");
      await ana.waitForText(["Typed after turning the phone."]);
    }
  });
});
