/**
 * Issue 12's acceptance in Chromium against the real relay: two students write (one of them
 * offline for a while), the teacher — a fresh profile, the workspace's owner — opens History,
 * sees both students' text in their own colours, names "First draft" early on, views it as
 * rich text, compares it with today, restores it, and both students see the restored content;
 * the contributions CSV downloads with the right figures; the student who was offline is told
 * what changed meanwhile and sees where his own offline words landed. The panel passes axe,
 * and on a 360×740 phone it is a full-screen sheet with nothing sticking out sideways.
 */
import { readFileSync } from "node:fs";
import { PHONE } from "@quire/testkit";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { userColor } from "../src/editor/user-color.ts";
import { axeReport, formatFindings } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { sideways } from "./support/sideways.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const INTRO = "Ana writes the introduction.";
const METHOD = "Ben writes the method.";
const ANA_LATER = " Ana adds online.";
const BEN_OFFLINE = " Ben adds offline.";

function panel(page: Page): Locator {
  return page.getByRole("dialog", { name: "History" });
}

async function openHistory(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "History", exact: true }).click();
  const dialog = panel(page);
  await dialog.waitFor();
  return dialog;
}

async function tab(dialog: Locator, name: string): Promise<void> {
  await dialog.getByRole("tab", { name }).click();
}

/** The user id the legend names for `name` (the colour key carries it). */
async function legendUser(dialog: Locator, name: string): Promise<string> {
  const item = dialog.locator(".history-legend-list li", { hasText: name }).first();
  await item.waitFor();
  return (await item.getAttribute("data-user")) ?? "";
}

/** The author colour (`--author`) of the first element matching `selector` that contains `text`. */
async function colourOf(dialog: Locator, selector: string, text: string): Promise<string> {
  const el = dialog.locator(selector, { hasText: text }).first();
  await el.waitFor();
  return el.evaluate((node) => (node as HTMLElement).style.getPropertyValue("--author"));
}

async function noBlockingAxe(page: Page, screen: string): Promise<void> {
  const report = await axeReport(page, screen);
  expect(report.blocking, formatFindings(report.blocking)).toEqual([]);
}

describe("history panel", () => {
  const classroom = useClassroom();

  it("teacher sees who wrote what, names, views, compares and restores a draft; the CSV has the figures; the offline student is told what changed", async () => {
    const teacher = await classroom.student("Ms Rivera");
    await teacher.createWorkspace("Class 7B");
    const code = await teacher.editorJoinCode();
    await teacher.newDocument("Group report");

    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.join(code);
    await ana.openFromSidebar("Group report");
    await ana.caretAtEnd();
    await ana.type(INTRO);
    await ben.join(code);
    await ben.openFromSidebar("Group report");
    await ben.waitForText([INTRO]);
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type(METHOD);
    await ana.waitForText([INTRO, METHOD]);
    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();

    // The teacher names the state both wrote so far.
    await teacher.waitForText([INTRO, METHOD]);
    let dialog = await openHistory(teacher.page);
    await expect.poll(() => dialog.getByText("Everyone in this workspace sees the same history and figures.").isVisible()).toBe(true);
    await dialog.getByLabel("Name this version").fill("First draft");
    await dialog.getByRole("button", { name: "Save name" }).click();
    await dialog.getByRole("status").filter({ hasText: "Saved as “First draft”." }).waitFor();
    const draft = dialog.locator('.history-version[data-kind="named"]', { hasText: "First draft" });
    await draft.waitFor();
    const draftId = (await draft.getAttribute("data-version-id")) ?? "";
    await noBlockingAxe(teacher.page, "history versions");
    await dialog.getByRole("button", { name: "Close" }).click();
    // Focus goes back to the History button.
    await expect.poll(() => teacher.page.evaluate(() => document.activeElement?.textContent)).toBe("History");

    // Ben goes offline and writes; Ana writes online meanwhile.
    await ben.setOffline(true);
    await ben.waitForConnection("offline");
    await ben.caretAtEnd();
    await ben.type(BEN_OFFLINE);
    await ana.caretAfter(INTRO);
    await ana.type(ANA_LATER);
    await ana.waitForRelaySaved();
    await ben.setOffline(false);
    await ben.waitForRelaySaved();
    await ben.waitForText([`${INTRO}${ANA_LATER}`, `${METHOD}${BEN_OFFLINE}`]);

    // Ben is told what others changed while he was offline, and reviews it.
    const notice = ben.page.getByTestId("away-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/\d+ changes? by others while you were offline/);
    await notice.getByRole("button", { name: "Review" }).click();
    const benDialog = panel(ben.page);
    await benDialog.getByRole("tab", { name: "Compare", selected: true }).waitFor();
    await benDialog.locator("ins.is-mine", { hasText: BEN_OFFLINE.trim() }).waitFor();
    await benDialog.locator("ins:not(.is-mine)", { hasText: ANA_LATER.trim() }).waitFor();
    await ben.page.keyboard.press("Escape");
    await panel(ben.page).waitFor({ state: "detached" });

    // The teacher: authors of the current text, each in their own colour.
    await teacher.waitForText([`${INTRO}${ANA_LATER}`, `${METHOD}${BEN_OFFLINE}`]);
    dialog = await openHistory(teacher.page);
    await tab(dialog, "Authors");
    const anaId = await legendUser(dialog, "Ana");
    const benId = await legendUser(dialog, "Ben");
    expect(anaId).not.toBe(benId);
    expect(await colourOf(dialog, ".history-by", INTRO)).toBe(userColor(anaId).color);
    expect(await colourOf(dialog, ".history-by", METHOD)).toBe(userColor(benId).color);
    expect(await colourOf(dialog, ".history-by", BEN_OFFLINE.trim())).toBe(userColor(benId).color);

    // The draft as rich text, read-only.
    await tab(dialog, "Versions");
    await dialog.locator(`[data-version-id="${draftId}"]`).getByRole("button", { name: "View" }).click();
    const view = dialog.getByTestId("version-view");
    await view.waitFor();
    await waitUntil(async () => ((await view.textContent()) ?? "").includes(METHOD), WAIT_MS, () => "the draft's text in the version view");
    const draftText = (await view.textContent()) ?? "";
    expect(draftText).toContain(INTRO);
    expect(draftText).not.toContain("online");
    expect(draftText).not.toContain("offline");
    expect(await view.getAttribute("contenteditable")).toBe("false");
    await dialog.getByRole("button", { name: "Back" }).click();

    // Compare the draft with now: the later additions, each in its writer's colour.
    await dialog.locator(`[data-version-id="${draftId}"]`).getByRole("button", { name: "Compare with now" }).click();
    await dialog.getByRole("tab", { name: "Compare", selected: true }).waitFor();
    expect(await dialog.getByTestId("compare-from").inputValue()).toBe(draftId);
    expect(await colourOf(dialog, "ins", ANA_LATER.trim())).toBe(userColor(anaId).color);
    expect(await colourOf(dialog, "ins", BEN_OFFLINE.trim())).toBe(userColor(benId).color);
    await dialog.getByText(`Added: ${ANA_LATER.length + BEN_OFFLINE.length} · Removed: 0 characters`).waitFor();
    await noBlockingAxe(teacher.page, "history compare");

    // Restore the draft; both students get it through the live document.
    await tab(dialog, "Versions");
    await dialog.locator(`[data-version-id="${draftId}"]`).getByRole("button", { name: "Restore" }).click();
    const confirm = teacher.page.getByRole("alertdialog", { name: "Restore this version?" });
    await confirm.waitFor();
    await noBlockingAxe(teacher.page, "history restore confirmation");
    await confirm.getByRole("button", { name: "Restore" }).click();
    await dialog.getByRole("status").filter({ hasText: "Restored." }).waitFor();
    for (const s of [ana, ben, teacher]) {
      await waitUntil(async () => {
        const text = await s.text();
        return text.includes(INTRO) && text.includes(METHOD) && !text.includes("online") && !text.includes("offline");
      }, WAIT_MS, () => `${s.name} to see the restored draft; shows ${JSON.stringify(s.lastText)}`);
    }
    await dialog.locator('.history-version[data-kind="restore"]').waitFor();

    // Replay: the first step shows the start of the story, the last the restored text.
    await tab(dialog, "Replay");
    const slider = dialog.getByTestId("replay-slider");
    await slider.fill("0");
    expect((await dialog.getByTestId("replay-text").textContent()) ?? "").not.toContain(METHOD);
    const max = (await slider.getAttribute("max")) ?? "0";
    await slider.fill(max);
    await waitUntil(async () => ((await dialog.getByTestId("replay-text").textContent()) ?? "").includes(METHOD), WAIT_MS, () => "the last replay step");

    // Contributions: the figures on screen, and the relay's CSV downloaded.
    await tab(dialog, "Contributions");
    await dialog.locator(`.history-member[data-user="${anaId}"]`).waitFor();
    const [download] = await Promise.all([teacher.page.waitForEvent("download"), dialog.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = readFileSync(await download.path(), "utf8").trim().split(/\r?\n/);
    const header = (csv[0] ?? "").split(",");
    const rows = new Map(csv.slice(1).map((line) => {
      const cells = line.split(",");
      return [cells[0] ?? "", Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]))];
    }));
    expect(rows.get(anaId)).toMatchObject({ name: "Ana", inserted: String(INTRO.length + ANA_LATER.length), surviving: String(INTRO.length), removedByOthers: String(ANA_LATER.length), deletedByThem: "0" });
    // offlineInserted: Ben's catch-up, as the relay marks it (a sync step 2). Needs the SQLite
    // provenance log to keep `catchUp` (branch wave3-hperf, eeb499d; this passed with it merged).
    expect(rows.get(benId)).toMatchObject({ name: "Ben", inserted: String(METHOD.length + BEN_OFFLINE.length), surviving: String(METHOD.length), removedByOthers: String(BEN_OFFLINE.length), deletedByThem: "0", offlineInserted: String(BEN_OFFLINE.length) });
    const teacherRow = [...rows.values()].find((r) => r.name === "Ms Rivera");
    expect(teacherRow).toMatchObject({ inserted: "0", deletedByThem: String(ANA_LATER.length + BEN_OFFLINE.length) });
    await noBlockingAxe(teacher.page, "history contributions");

    // One phone: the panel is a full-screen sheet, and no tab pushes anything sideways.
    const cleo = await classroom.student("Cleo", PHONE);
    await cleo.join(code);
    await cleo.openFromSidebar("Group report");
    await cleo.waitForText([INTRO, METHOD]);
    const sheet = await openHistory(cleo.page);
    const box = await sheet.boundingBox();
    expect(box?.width).toBe(360);
    for (const name of ["Versions", "Compare", "Authors", "Replay", "Contributions"]) {
      await tab(sheet, name);
      await cleo.page.waitForTimeout(300);
      const report = await sideways(cleo.page);
      expect(report, `${name} on a phone`).toEqual({ page: 0, pane: 0, outside: [] });
    }
  });

  it("in Arabic the panel opens at the inline end (the left), its tabs read from the right, and axe finds nothing serious", async () => {
    const rania = await classroom.student("Rania");
    await rania.createWorkspace("Arabic class");
    await rania.newDocument("Report");
    await rania.caretAtEnd();
    await rania.type("مرحبا بالجميع");
    await rania.waitForRelaySaved();
    await rania.chooseLanguage("ar");
    await rania.editor.waitFor();
    await rania.waitForText(["مرحبا بالجميع"]);
    expect(await rania.page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await rania.page.getByRole("button", { name: "السجل", exact: true }).click();
    const dialog = rania.page.getByRole("dialog", { name: "السجل" });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box?.x).toBe(0);
    const tabs = dialog.getByRole("tab");
    const first = await tabs.first().boundingBox();
    const last = await tabs.last().boundingBox();
    expect((first?.x ?? 0) > (last?.x ?? 0)).toBe(true);
    await dialog.getByRole("tab", { name: "الكُتّاب" }).click();
    await dialog.locator(".history-by", { hasText: "مرحبا" }).waitFor();
    await noBlockingAxe(rania.page, "history panel in Arabic");
    await rania.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });
});
