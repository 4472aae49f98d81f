/**
 * Search across the class (issue 15 item 5), as students use it: the index lives on the
 * device and follows edits — your own, offline ones included, and a classmate's that arrive
 * by background sync — and a result opens its document at the match; Ctrl+F finds within
 * the open document.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE } from "@quire/testkit";
import { useClassroom } from "./support/classroom.ts";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

/** Types `query` into the sidebar's search and waits until the results list shows `title`. */
async function searchFor(student: Student, query: string, title: string): Promise<void> {
  await student.showDocuments();
  const field = student.page.getByRole("searchbox", { name: "Search all documents" });
  // The index catches up with changed device copies when the field is focused and every 15 s.
  await waitUntil(
    async () => {
      await field.fill("");
      await field.fill(query);
      await student.page.getByRole("status").filter({ hasText: /document|No document|Nothing found/ }).first().waitFor();
      return (await student.page.getByTestId("search-results").getByRole("button", { name: new RegExp(title) }).count()) > 0;
    },
    WAIT_MS,
    () => `${student.name}'s search for "${query}" to list "${title}"`,
  );
}

function findCount(page: Page): Promise<string> {
  return page.getByTestId("find-count").innerText();
}

/** The text of the current find match, as painted by the CSS Custom Highlight API. */
function currentMatch(page: Page): Promise<string> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get("quire-find-current");
    const range = highlight ? ([...highlight][0] as Range | undefined) : undefined;
    return range?.toString() ?? "";
  });
}

describe("search across the class", () => {
  const classroom = useClassroom();

  it("finds words in every document, follows offline and classmates' edits, and opens a result at its match", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("Geography");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Rivers");
    await ana.type("The Volta river floods every spring.");
    await ana.page.keyboard.press("Enter");
    await ana.type("Fishing villages on the river move uphill.");
    await ana.newDocument("Plants");
    await ana.type("Photosynthesis turns light into sugar.");
    await ana.waitForRelaySaved();

    // Accents and case do not matter; the result shows the matched word marked.
    await searchFor(ana, "VOLTA", "Rivers");
    const hit = ana.page.getByTestId("search-results").getByRole("button", { name: /Rivers/ });
    expect(await hit.locator("mark").first().innerText()).toBe("Volta");
    await hit.click();
    await ana.page.waitForURL(/\/d[a-z0-9]{10}$/);
    await ana.waitForText(["The Volta river"]);
    // Opened at the match: find shows the query and its first match is the current one.
    await waitUntil(async () => (await findCount(ana.page)) === "1 of 1", WAIT_MS, () => "find to show 1 of 1");
    expect(await currentMatch(ana.page)).toBe("Volta");

    // Offline, a new sentence is found as soon as the device copy has it.
    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.openFromSidebar("Plants");
    await ana.caretAtEnd();
    await ana.type(" Mangrove roots breathe air.");
    await ana.waitForText(["Mangrove roots"]);
    await searchFor(ana, "mangrove", "Plants");
    await ana.setOffline(false);
    await ana.waitForConnection("online");

    // A classmate's new document arrives by background sync and becomes searchable.
    await ben.join(code);
    await ben.newDocument("Trees");
    await ben.type("The baobab stores water in its trunk.");
    await ben.waitForRelaySaved();
    await searchFor(ana, "baobab", "Trees");
    // Every word must match: a query across two documents finds neither.
    await ana.page.getByRole("searchbox", { name: "Search all documents" }).fill("baobab volta");
    await ana.page.getByRole("status").filter({ hasText: "No document contains that." }).waitFor();
  });

  it("Ctrl+F steps through the matches of the open document and leaves the caret on one", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Find");
    await ana.newDocument("Notes");
    await ana.type("École one. ecole two.");
    await ana.page.keyboard.press("Enter");
    await ana.type("A third ECOLE here.");
    await ana.waitForText(["A third ECOLE here."]);
    await ana.page.keyboard.press("Control+f");
    const field = ana.page.getByRole("searchbox", { name: "Find in this document" });
    await field.fill("ecole");
    await waitUntil(async () => (await findCount(ana.page)) === "1 of 3", WAIT_MS, () => "1 of 3");
    expect(await currentMatch(ana.page)).toBe("École");
    await field.press("Enter");
    expect(await findCount(ana.page)).toBe("2 of 3");
    expect(await currentMatch(ana.page)).toBe("ecole");
    await field.press("Enter");
    await field.press("Enter");
    expect(await findCount(ana.page)).toBe("1 of 3");
    await field.press("Shift+Enter");
    expect(await findCount(ana.page)).toBe("3 of 3");
    // The document changes under the find bar: a new match is counted.
    await ana.page.getByRole("button", { name: "Close find" }).click();
    expect(await ana.page.evaluate(() => window.getSelection()?.toString())).toBe("ECOLE");
    await ana.caretAtEnd();
    await ana.type(" Last école.");
    await ana.page.keyboard.press("Control+f");
    await waitUntil(async () => (await findCount(ana.page)).endsWith("of 4"), WAIT_MS, () => "4 matches");
    await field.press("Escape");
    await ana.page.getByTestId("find-count").waitFor({ state: "detached" });
  });

  it("once used online, search works after an offline reload; never used, it says why it is not ready offline", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Offline");
    await ana.newDocument("Rivers");
    await ana.type("The Zambezi river falls at Victoria.");
    await ana.waitForRelaySaved();
    await ana.waitForServiceWorker();

    await searchFor(ana, "zambezi", "Rivers");
    await ana.setOffline(true);
    await ana.page.reload();
    await ana.waitForText(["The Zambezi river"]);
    await searchFor(ana, "victoria", "Rivers");

    // A fresh profile that never searched: offline, the worker cannot load, and search says why.
    const cara = await classroom.student("Cara");
    await cara.createWorkspace("Mine");
    await cara.waitForServiceWorker();
    await cara.setOffline(true);
    await cara.page.getByRole("searchbox", { name: "Search all documents" }).fill("anything");
    await cara.page.getByRole("status").filter({ hasText: "Search gets ready the first time you use it online." }).waitFor();
  });

  it("works on a phone: search from the drawer, nothing sticks out sideways", async () => {
    const ana = await classroom.student("Ana", PHONE);
    await ana.createWorkspace("Phone");
    await ana.newDocument("Rivers");
    await ana.type("The Niger river bends north.");
    await ana.waitForRelaySaved();
    await ana.newDocument("Second");
    await searchFor(ana, "niger", "Rivers");
    expect((await sideways(ana.page)).outside).toEqual([]);
    await ana.page.getByTestId("search-results").getByRole("button", { name: /Rivers/ }).click();
    await ana.waitForText(["The Niger river"]);
    await waitUntil(async () => (await findCount(ana.page)) === "1 of 1", WAIT_MS, () => "find 1 of 1");
    // Once the drawer has slid shut (it closes as the result opens), nothing sticks out.
    await ana.page.locator(".drawer.is-open").waitFor({ state: "detached" });
    await waitUntil(async () => (await sideways(ana.page)).outside.length === 0, WAIT_MS, () => "nothing sideways once the drawer is shut");
  });
});
