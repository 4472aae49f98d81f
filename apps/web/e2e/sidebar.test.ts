/**
 * The document list: inline rename, move to Trash and restore — all in the workspace index
 * (a Yjs doc), so a classmate's sidebar follows.
 */
import type { RelayProcess } from "@quire/testkit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { startRelayWithApp } from "./support/relay.ts";
import { Student } from "./support/student.ts";

describe("document list", () => {
  let relay: RelayProcess;
  let browser: Browser;
  const students: Student[] = [];

  beforeAll(async () => {
    relay = await startRelayWithApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of students) await s.close().catch(() => {});
    await browser?.close();
    await relay?.stop({ removeData: true });
  });

  it("renames inline, trashes and restores, and the classmate's sidebar follows", async () => {
    const ana = await Student.open(browser, relay.httpUrl, "Ana");
    const ben = await Student.open(browser, relay.httpUrl, "Ben");
    students.push(ana, ben);
    await ana.createWorkspace("Lists");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Draft");
    // Enter in the title moved the caret into the page.
    await ana.type("Some words.");
    await ana.waitForText(["Some words."]);
    await ben.join(code);
    await ben.sidebarItem("Draft").waitFor();
    await ben.page.getByTestId("doc-list").getByText("edited just now by Ana").waitFor();

    // Inline rename from the sidebar.
    await ana.page.getByRole("button", { name: "Rename Draft" }).click();
    const input = ana.page.getByLabel("Document name");
    await input.fill("Final report");
    await input.press("Enter");
    await ben.sidebarItem("Final report").waitFor();
    expect(await ben.sidebarItem("Draft").count()).toBe(0);

    // Trash: gone from the list, listed under Trash, restorable by anyone who can edit.
    await ana.page.getByRole("button", { name: "Move Final report to Trash" }).click();
    await ben.page.waitForFunction(() => !document.querySelector('[data-testid="doc-list"]')?.textContent?.includes("Final report"));
    await ben.page.getByRole("button", { name: /Trash/ }).click();
    const trash = ben.page.getByTestId("trash-list");
    await trash.getByText("Final report").waitFor();
    await trash.getByRole("button", { name: "Restore" }).click();
    await ana.sidebarItem("Final report").waitFor();
    await ana.openFromSidebar("Final report");
    await ana.waitForText(["Some words."]);
  });
});
