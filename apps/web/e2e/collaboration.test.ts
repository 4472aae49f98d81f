/**
 * Two students in one document, two real browser contexts, one real relay: each sees the
 * other's typing and cursor, and undo takes back only your own edits.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

describe("two students editing one document", () => {
  const classroom = useClassroom();

  it("each sees the other's text and cursor; undo removes only your own edits", async () => {
    const ana = await classroom.student("Ana Lima");
    const ben = await classroom.student("Ben Okafor");

    await ana.createWorkspace("Science project");
    const code = await ana.editorJoinCode();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await ana.newDocument("Volcano report");
    await ana.caretAtEnd();
    await ana.type("Ana writes the introduction.");

    await ben.join(code);
    // The document list is itself synced: Ben finds Ana's document in his sidebar.
    await ben.openFromSidebar("Volcano report");
    await ben.waitForText(["Ana writes the introduction."]);
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Ben adds the conclusion.");

    await ana.waitForText(["Ana writes the introduction.", "Ben adds the conclusion."]);
    await ben.waitForText(["Ana writes the introduction.", "Ben adds the conclusion."]);
    expect(await ana.text()).toBe(await ben.text());

    // Ben's caret, labelled with his name, is drawn in Ana's page (outside the text itself).
    await ana.page.waitForFunction(
      (name) => {
        const page = document.querySelector(".editor-page");
        const text = document.querySelector('[data-testid="editor"]');
        if (!page || !text) return false;
        return [...page.querySelectorAll("span")].some((s) => !text.contains(s) && s.textContent === name);
      },
      "Ben Okafor",
      { timeout: WAIT_MS },
    );
    // Both appear in each other's presence list.
    await ana.page.locator('[data-testid="presence"] [data-name="Ben Okafor"]').waitFor();
    await ben.page.locator('[data-testid="presence"] [data-name="Ana Lima"]').waitFor();

    // Undo on Ana's side removes her typing, never Ben's.
    await ana.caretAtEnd();
    await waitUntil(
      async () => {
        await ana.page.keyboard.press("Control+z");
        return !(await ana.text()).includes("Ana writes");
      },
      WAIT_MS,
      () => "Ana's undo to remove her sentence",
    );
    expect(await ana.text()).toContain("Ben adds the conclusion.");
    await ben.waitForText(["Ben adds the conclusion."]);
    await waitUntil(async () => !(await ben.text()).includes("Ana writes"), WAIT_MS, () => "Ana's undo to reach Ben");

    // The relay has written everything to disk and said so.
    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();
  });
});
