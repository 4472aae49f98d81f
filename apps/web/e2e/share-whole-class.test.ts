/**
 * Issue 13: a read-only share link for a whole class, in real Chromium against a real relay.
 * The teacher makes it on the dashboard ("The whole class"); a partner school opens it on its
 * own profile, sees the class's documents by title, opens one and reads it, and can change
 * nothing; the link appears in the teacher's list as for the whole class.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS } from "./support/student.ts";

describe("a share link for a whole class", () => {
  const classroom = useClassroom();

  it("lists the class's documents by title and opens each read-only", async () => {
    const teacher = await classroom.student("Ms Lee");
    await teacher.createWorkspace("Class 9A");
    await teacher.newDocument("Volcano report");
    await teacher.type("Lava is molten rock.");
    await teacher.waitForRelaySaved();
    await teacher.newDocument("River project");
    await teacher.type("Rivers carve valleys.");
    await teacher.waitForRelaySaved();
    const page = teacher.page;
    await page.getByRole("button", { name: "Class", exact: true }).click();
    const dashboard = page.getByTestId("class-dashboard");
    await dashboard.waitFor();
    await page.getByLabel("Document", { exact: true }).selectOption({ label: "The whole class (every document)" });
    await page.getByLabel("For whom", { exact: true }).fill("Partner school");
    await page.getByRole("button", { name: "Make a read-only link" }).click();
    await dashboard.getByRole("status").filter({ hasText: "Read-only link for Partner school made" }).waitFor();
    await page.getByTestId("share-links").getByText("The whole class (every document)").waitFor();
    const shareUrl = await page.getByTestId("share-url").inputValue();

    const partner = await classroom.student("Partner school");
    await partner.page.goto(shareUrl);
    const list = partner.page.getByTestId("shared-class-docs");
    await list.getByRole("button", { name: "River project" }).waitFor({ timeout: WAIT_MS });
    expect(await list.getByRole("button").count()).toBe(2);
    await list.getByRole("button", { name: "Volcano report" }).click();
    await partner.page.locator('[data-testid="shared-doc"][data-state="synced"]').getByText("Lava is molten rock.").waitFor({ timeout: WAIT_MS });
    expect(await partner.page.locator("[contenteditable=true]").count()).toBe(0);
    await partner.page.getByRole("button", { name: "Back to the list of documents" }).click();
    await list.getByRole("button", { name: "River project" }).click();
    await partner.page.locator('[data-testid="shared-doc"][data-state="synced"]').getByText("Rivers carve valleys.").waitFor({ timeout: WAIT_MS });
  });
});
