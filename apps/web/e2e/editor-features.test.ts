/**
 * The rich-text features a student uses, driven through the toolbar and shortcuts, checked in
 * a second browser so they are proven to sync: headings, marks, lists with nesting,
 * checklists, tables, lines, safe links, and pictures stored inside the document (shown on
 * the other device, with a clear error for one that is too big).
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { TINY_PNG } from "./support/student.ts";

// A "picture" just over the 1 MiB limit.
const HUGE_PNG = Buffer.concat([TINY_PNG, Buffer.alloc(1024 * 1024 + 1)]);

describe("editor features", () => {
  const classroom = useClassroom();

  it("formats, links and pictures reach the other student", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("Features");
    const code = await ana.editorJoinCode();
    await ana.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
    const viewerCode = (await ana.page.getByTestId("join-code-viewer").innerText()).trim();
    await ana.page.getByRole("button", { name: "Done" }).click();
    await ana.newDocument("Everything");
    await ana.caretAtEnd();
    const k = ana.page.keyboard;

    await ana.type("# Big title");
    await k.press("Enter");
    await k.press("Control+b");
    await ana.type("bold");
    await k.press("Control+b");
    await ana.type(" and ");
    await k.press("Control+i");
    await ana.type("italic");
    await k.press("Control+i");
    await ana.type(" and ~~gone~~ and `code` ");
    await k.press("Enter");
    await ana.type("- outer item");
    await k.press("Enter");
    await k.press("Tab");
    await ana.type("inner item");
    await k.press("Enter");
    await k.press("Enter");
    await k.press("Enter");
    await ana.type("[ ] a task");
    await k.press("Enter");
    await k.press("Enter");
    await ana.type("--- ");
    await ana.type("Link here");
    await k.press("Shift+Home");

    // A javascript: link is refused with a message; an https one is added.
    await ana.page.getByRole("button", { name: "Link" }).click();
    await ana.page.getByLabel("Link address").fill("javascript:alert(1)");
    await ana.page.getByRole("button", { name: "Add link" }).click();
    await ana.page.getByText("That is not a web or email address").waitFor();
    await ana.page.getByLabel("Link address").fill("example.org/volcano");
    await ana.page.getByRole("button", { name: "Add link" }).click();
    await ana.editor.locator('a[href="https://example.org/volcano"]').waitFor();

    await ana.newLineAtEnd();
    await ana.insertTable();
    await ana.type("cell one");

    // Pictures: one too big (clear error, nothing inserted), one that fits.
    await ana.page.getByTestId("image-input").setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: HUGE_PNG });
    await ana.page.getByRole("alert").filter({ hasText: "at most 1 MB" }).waitFor();
    expect(await ana.editor.locator("img").count()).toBe(0);
    await ana.page.getByTestId("image-input").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: TINY_PNG });
    await ana.editor.locator('img[src^="data:image/png;base64,"]').waitFor();
    await ana.waitForRelaySaved();

    await ben.join(code);
    await ben.openFromSidebar("Everything");
    await ben.waitForText(["Big title", "bold", "inner item", "a task", "Link here", "cell one"]);
    const e = ben.editor;
    await e.locator("h1", { hasText: "Big title" }).waitFor();
    await e.locator("strong, .ed-bold", { hasText: "bold" }).first().waitFor();
    await e.locator(".ed-italic", { hasText: "italic" }).first().waitFor();
    await e.locator(".ed-strike", { hasText: "gone" }).first().waitFor();
    await e.locator("code, .ed-code", { hasText: "code" }).first().waitFor();
    await e.locator("ul li ul li", { hasText: "inner item" }).waitFor();
    await e.locator('li[role="checkbox"], li.ed-li-unchecked', { hasText: "a task" }).first().waitFor();
    await e.locator("hr").waitFor();
    await e.locator('a[href="https://example.org/volcano"]').waitFor();
    expect(await e.locator('a[href^="javascript:"]').count()).toBe(0);
    await e.locator("table td, table th", { hasText: "cell one" }).first().waitFor();
    await e.locator('img[src^="data:image/png;base64,"]').waitFor();

    // Someone with the view-only code reads everything but cannot type or format.
    const cleo = await classroom.student("Cleo");
    await cleo.join(viewerCode);
    await cleo.openFromSidebar("Everything");
    await cleo.waitForText(["Big title", "cell one"]);
    expect(await cleo.editor.getAttribute("contenteditable")).toBe("false");
    expect(await cleo.page.getByRole("toolbar", { name: "Formatting" }).count()).toBe(0);
    expect(await cleo.page.getByRole("button", { name: "+ New document" }).count()).toBe(0);
  });
});
