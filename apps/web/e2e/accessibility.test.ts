/**
 * Accessibility to WCAG 2.2 AA (issue 16, I3), in real Chromium against the real relay:
 * axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) finds no serious or critical
 * violation on any screen there is — the start screen (both tabs, a refused join code), the
 * workspace and its document list, the editor with formatted text, the Invite dialog, the link
 * editor, "Who is writing?", the Trash, the offline state, the phone drawer, the start screen
 * and editor in Arabic (right to left); the same with forced colours and reduced motion (focus
 * still drawn, nothing animates); and at 200 % zoom (640×400 CSS px) nothing scrolls sideways
 * and Tab reaches every control on screen.
 * Violations are printed rule by rule with the offending elements.
 */
import { describe, expect, it } from "vitest";
import { type AxeReport, axeReport, describeBlocking } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { PHONE, type Screen } from "@quire/testkit";
import { sideways } from "./support/sideways.ts";

/** A 1280×800 laptop at 200 % browser zoom is 640×400 CSS pixels (WCAG 1.4.4, 1.4.10). */
const ZOOM_200: Screen = { name: "zoom-200", viewport: { width: 640, height: 400 }, isMobile: false, hasTouch: false };

function expectNoBlocking(reports: AxeReport[]): void {
  const failures = describeBlocking(reports);
  expect(failures, `axe found serious or critical violations:\n${failures}`).toBe("");
}

describe("accessibility (axe-core, WCAG 2.2 AA)", () => {
  const classroom = useClassroom();

  it("the start screen: both tabs and a refused join code", async () => {
    const ana = await classroom.student("Ana");
    const reports: AxeReport[] = [];
    await ana.page.goto("/");
    await ana.page.getByRole("tab", { name: "Start a new workspace" }).waitFor();
    reports.push(await axeReport(ana.page, "start: new workspace tab"));
    await ana.page.getByRole("tab", { name: "Join with a code" }).click();
    reports.push(await axeReport(ana.page, "start: join tab"));
    await ana.page.getByLabel("Join code").fill("ZZZZ-ZZZZ");
    await ana.page.getByLabel("Your name").fill("Ana");
    await ana.page.getByRole("button", { name: "Join workspace" }).click();
    await ana.page.getByRole("alert").waitFor();
    reports.push(await axeReport(ana.page, "start: refused join code"));
    expectNoBlocking(reports);
  });

  it("the workspace, the editor with formatting, Invite, link editor, Who is writing, Trash, offline", async () => {
    const ana = await classroom.student("Ana");
    const page = ana.page;
    const reports: AxeReport[] = [];
    await ana.createWorkspace("Science group 4");
    await page.getByRole("button", { name: "+ New document" }).waitFor();
    reports.push(await axeReport(page, "workspace: no document open"));

    await ana.newDocument("Draft to bin");
    await ana.newDocument("Field notes");
    await ana.caretAtEnd();
    await ana.type("The river rose by two metres overnight.");
    await ana.selectText("river");
    await page.getByRole("button", { name: "Bold" }).click();
    await ana.editor.locator("strong, b, .ed-bold").first().waitFor();
    await ana.waitForRelaySaved();
    reports.push(await axeReport(page, "editor: text with bold, doc list"));

    await page.getByRole("button", { name: "Invite" }).click();
    await page.getByRole("dialog", { name: "Invite your group" }).waitFor();
    reports.push(await axeReport(page, "Invite dialog"));
    await page.getByRole("button", { name: "Done" }).click();

    await ana.selectText("metres");
    await page.keyboard.press("Control+k");
    await page.getByLabel("Link address").waitFor();
    reports.push(await axeReport(page, "link editor"));
    await page.getByLabel("Link address").press("Escape");

    await page.getByRole("button", { name: /^Who is writing\?/ }).click();
    await page.getByRole("dialog", { name: "Who is writing?" }).waitFor();
    reports.push(await axeReport(page, "Who is writing? picker"));
    await page.getByRole("dialog", { name: "Who is writing?" }).getByRole("button", { name: "Done" }).click();

    // A document's Trash button shows on hover or while focus is in its row.
    await page.getByTestId("doc-list").getByRole("button", { name: /^Draft to bin/ }).focus();
    await page.getByRole("button", { name: "Move Draft to bin to Trash" }).click();
    await page.getByRole("button", { name: /^Trash/ }).click();
    await page.getByTestId("trash-list").getByText("Draft to bin").waitFor();
    reports.push(await axeReport(page, "Trash list"));

    await ana.setOffline(true);
    await page.locator('[data-testid="connection"]', { hasText: "You are offline" }).waitFor();
    await ana.type(" Offline words.");
    await page.locator('[data-testid="save-state"][data-relay="offline"]').waitFor();
    reports.push(await axeReport(page, "offline notice"));
    await ana.setOffline(false);
    expectNoBlocking(reports);
  });

  it("in Arabic (right to left): the start screen and the editor", async () => {
    const lina = await classroom.student("Lina");
    await lina.context.addInitScript(() => localStorage.setItem("quire.language", "ar"));
    await lina.page.goto("/");
    await lina.page.locator('html[dir="rtl"][lang="ar"]').waitFor({ state: "attached" });
    await lina.page.getByRole("tab").first().waitFor();
    const reports = [await axeReport(lina.page, "ar: start screen")];
    // The same flow as the English helpers, by role and position instead of English names.
    await lina.page.getByRole("tab").first().click();
    const fields = lina.page.locator(".start-form input");
    await fields.nth(0).fill("مجموعة العلوم");
    await fields.nth(1).fill("لينا");
    await lina.page.locator('.start-form button[type="submit"]').click();
    await lina.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    await lina.page.locator(".sidebar-new").click();
    await lina.page.waitForURL(/\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
    await lina.editor.click();
    await lina.type("النهر ارتفع مترين during the night.");
    await lina.waitForText(["during the night."]);
    reports.push(await axeReport(lina.page, "ar: workspace and editor"));
    // The toolbar's arrow keys follow the mirrored layout: ArrowLeft goes to the control on the left.
    // From the second control (not the first: a wrap to the last would also go left).
    await lina.page.keyboard.press("Alt+F10");
    await lina.page.keyboard.press("Home");
    await lina.page.keyboard.press("ArrowLeft");
    const x = () => lina.page.evaluate(() => document.activeElement?.getBoundingClientRect().left ?? Number.NaN);
    const before = await x();
    await lina.page.keyboard.press("ArrowLeft");
    expect(await x(), "ArrowLeft in the right-to-left toolbar").toBeLessThan(before);
    expectNoBlocking(reports);
  });

  it("the phone drawer at 360×740", async () => {
    const ben = await classroom.student("Ben", PHONE);
    await ben.createWorkspace("Phone group");
    // showDocuments() opens the drawer only if its button is already on screen.
    await ben.documentsToggle.waitFor();
    await ben.newDocument("On the bus");
    await ben.showDocuments();
    expectNoBlocking([await axeReport(ben.page, "phone: document drawer open")]);
  });

  it("forced colours and reduced motion: axe passes, focus is drawn, nothing animates", async () => {
    const cleo = await classroom.student("Cleo");
    const page = cleo.page;
    await page.emulateMedia({ forcedColors: "active", reducedMotion: "reduce" });
    await cleo.createWorkspace("High contrast");
    await cleo.newDocument("Notes");
    await cleo.caretAtEnd();
    await cleo.type("Forced colours keep every border.");
    const reports = [await axeReport(page, "editor in forced colours + reduced motion")];
    expectNoBlocking(reports);

    // Focus by keyboard on a button: its outline must be drawn (a system colour, ≥ 2 px).
    await page.getByRole("button", { name: "Invite" }).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { name: el.textContent, outlineStyle: style.outlineStyle, outlineWidth: Number.parseFloat(style.outlineWidth) };
    });
    expect(focus.outlineStyle, `focused "${focus.name}" has no outline in forced colours`).not.toBe("none");
    expect(focus.outlineWidth).toBeGreaterThanOrEqual(2);

    // No transition or animation anywhere with reduced motion.
    const moving = await page.evaluate(() => {
      const found: string[] = [];
      for (const el of document.querySelectorAll("*")) {
        const style = getComputedStyle(el);
        const durations = `${style.transitionDuration},${style.animationDuration}`.split(",").map((d) => Number.parseFloat(d) || 0);
        if (durations.some((d) => d > 0.01)) found.push(`${el.tagName.toLowerCase()}.${String(el.className)}`);
      }
      return found.slice(0, 10);
    });
    expect(moving, "elements that still animate with prefers-reduced-motion").toEqual([]);

    // Screenshot sanity: the page is drawn (not one flat colour) in forced colours.
    const shot = await page.screenshot();
    expect(shot.length).toBeGreaterThan(5_000);
    const colours = await page.evaluate(async (b64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      if (!context) return 0;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
      return seen.size;
    }, shot.toString("base64"));
    expect(colours, "the forced-colours screenshot is blank").toBeGreaterThan(1);
  });

  it("200 % zoom (640×400 CSS px): nothing scrolls sideways and Tab reaches every control", async () => {
    const dan = await classroom.student("Dan", ZOOM_200);
    const page = dan.page;
    await dan.createWorkspace("Zoomed in");
    await dan.newDocument("Large print");
    await dan.caretAtEnd();
    await dan.type("Two hundred percent.");
    const report = await sideways(page);
    expect(report, "sideways scrolling at 200 % zoom").toEqual({ page: 0, pane: 0, outside: [] });
    expectNoBlocking([await axeReport(page, "editor at 200 % zoom")]);

    // Every visible control outside the (scrolling) toolbar is reached by Tab and, once
    // focused, lies inside the viewport sideways (focus scrolls it into view vertically).
    const controls = await page.evaluate(() => {
      const all = document.querySelectorAll<HTMLElement>("button, input, select, [tabindex]:not([tabindex='-1']), [contenteditable='true']");
      const named: string[] = [];
      for (const el of all) {
        const style = getComputedStyle(el);
        if (style.visibility !== "visible" || el.closest("[inert]") || el.getClientRects().length === 0) continue;
        if (el.closest(".toolbar") || (el as HTMLButtonElement).disabled) continue;
        named.push(el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.textContent?.trim() ?? el.tagName);
      }
      return named;
    });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached = new Set<string>();
    const offscreen: string[] = [];
    for (let i = 0; i < 80 && controls.some((c) => !reached.has(c)); i++) {
      await page.keyboard.press("Tab");
      const seen = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const box = el.getBoundingClientRect();
        const name = el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.textContent?.trim() ?? el.tagName;
        const inside = box.left >= -1 && box.right <= window.innerWidth + 1 && box.width > 0;
        return { name, inside, editor: el.isContentEditable };
      });
      if (!seen) continue;
      reached.add(seen.name);
      if (!seen.inside && !offscreen.includes(seen.name)) offscreen.push(seen.name);
      // Tab from the page into the editor: leave it by Tab (the editor keeps Tab for indent).
      if (seen.editor) break;
    }
    expect(controls.filter((c) => !reached.has(c)), "controls Tab never reached").toEqual([]);
    expect(offscreen, "focused controls outside the viewport").toEqual([]);
  });
});
