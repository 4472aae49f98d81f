/**
 * Issue 15, mentions, in Chromium against the real relay: typing "@" and the start of a name
 * in a comment offers the members who may read the document (the relay's list), as an ARIA
 * combobox driven from the keyboard; the picked mention is stored with the comment, and the
 * mentioned member finds the thread under "Mentions me" (the writer does not).
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

const SENTENCE = "The quick brown fox jumps over the lazy dog.";

describe("mentions in comments", () => {
  const classroom = useClassroom();

  it("@ offers the document's readers, the keyboard picks one, and she sees it under Mentions me", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Class 9A");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Essay");
    await ana.caretAtEnd();
    await ana.type(SENTENCE);
    await ana.waitForRelaySaved();
    const ben = await classroom.student("Ben");
    await ben.join(code);
    await ben.openFromSidebar("Essay");
    await ben.waitForText([SENTENCE]);

    // The readers list arrives after she typed "@Be" (a slow link, or a busy CI box where this
    // failed): the offer must still show.
    await ana.page.route("**/readers", async (route) => {
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    await ana.selectText("brown");
    await ana.page.getByTestId("comment-button").click();
    const panel = ana.page.getByTestId("comments-panel");
    const box = panel.getByRole("combobox", { name: "Your comment" });
    await box.waitFor();
    await box.focus();
    await ana.page.keyboard.type("Please check @Be");
    const offer = panel.getByRole("option", { name: "Ben" });
    await offer.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await offer.getAttribute("id"));
    expect(await panel.getByRole("option").allTextContents()).toEqual(["Ben"]);
    await ana.page.keyboard.press("Enter");
    expect(await box.inputValue()).toBe("Please check @Ben ");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await ana.page.keyboard.type("thanks");
    await panel.getByRole("button", { name: "Add comment" }).click();
    await panel.getByText("Please check @Ben thanks").waitFor();

    // Ana wrote it but is not mentioned.
    await panel.getByRole("button", { name: "Mentions me" }).click();
    await panel.getByText("No mentions of you.").waitFor();

    await ben.page.getByTestId("comments-toggle").click();
    const hers = ben.page.getByTestId("comments-panel");
    await hers.getByRole("button", { name: "Mentions me" }).click();
    await hers.getByText("Please check @Ben thanks").waitFor();
  });
});
