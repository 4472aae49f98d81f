/**
 * The document list: inline rename, move to Trash and restore — all in the workspace index
 * (a Yjs doc), so a classmate's sidebar follows.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

describe("document list", () => {
  const classroom = useClassroom();

  it("renames inline, trashes and restores, and the classmate's sidebar follows", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
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
