/**
 * What a screen reader hears without moving focus (issue 16, I3; WCAG 4.1.3): the app's one
 * polite live region says a lasting connection change, the save state once it has settled (one
 * line for a burst of typing, never one per keystroke), and a classmate joining and leaving the
 * document. Remote carets carry the classmate's name, not only a colour (WCAG 1.4.1).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

/** Records every line added to the announcer from now on (lines leave it after 10 s). */
async function listen(page: Page): Promise<void> {
  await page.getByTestId("announcer").waitFor({ state: "attached" });
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    const region = document.querySelector('[data-testid="announcer"]');
    if (!region) throw new Error("no announcer");
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) said.push(node.textContent ?? "");
    }).observe(region, { childList: true });
  });
}

function said(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __said: string[] }).__said]);
}

async function waitToHear(page: Page, what: RegExp): Promise<void> {
  await waitUntil(async () => (await said(page)).some((line) => what.test(line)), WAIT_MS, () => `the announcer to say ${what}`);
}

describe("screen-reader announcements", () => {
  const classroom = useClassroom();

  it("connection, settled save state, classmates joining and leaving; carets show names", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Announced");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Heard");
    await ana.caretAtEnd();
    await ana.type("First line.");
    await ana.waitForRelaySaved();
    await listen(ana.page);

    // Offline: the connection once, and one settled save line for ten keystrokes.
    await ana.setOffline(true);
    await waitToHear(ana.page, /^You are offline\./);
    await ana.type(" Ten chars.");
    await waitToHear(ana.page, /^Offline — \d+ changes? waiting$/);
    await ana.setOffline(false);
    await waitToHear(ana.page, /^Online\./);
    await ana.waitForRelaySaved();
    await waitToHear(ana.page, /^Saved to the relay ✓$/);
    const offlineLines = await said(ana.page);
    expect(offlineLines.filter((l) => l.startsWith("Offline —")), "save state said once per burst of typing").toHaveLength(1);
    expect(offlineLines.filter((l) => /sending/.test(l)), "transient sending states are not said").toEqual([]);
    expect(offlineLines.filter((l) => l.startsWith("Connecting")), "'Connecting…' is never said").toEqual([]);

    // Typing while online says nothing new: the state settles where it was.
    const before = (await said(ana.page)).length;
    await ana.type(" More words, typed quickly.");
    await ana.waitForRelaySaved();
    await ana.page.waitForTimeout(4_000);
    expect((await said(ana.page)).slice(before), "typing online made the reader talk").toEqual([]);

    // A classmate joins the document, writes (Ana sees a named caret), then leaves.
    const ben = await classroom.student("Ben");
    await ben.join(code);
    await ben.openFromSidebar("Heard");
    await waitToHear(ana.page, /^Ben joined this document$/);
    await ben.caretAtEnd();
    await ben.type(" Ben was here.");
    await ana.waitForText(["Ben was here."]);
    // Lexical draws a remote caret with a label holding the name (the presence list's own
    // name for screen readers is the visually hidden one, left out here).
    const caretName = ana.page.locator(".editor span:not(.visually-hidden)", { hasText: /^Ben$/ });
    await caretName.first().waitFor({ state: "attached" });
    // The presence list names Ben too, not only his colour and initials.
    expect(await ana.page.getByTestId("presence").locator("li[data-name='Ben']").textContent()).toContain("Ben");
    await ben.close();
    await waitToHear(ana.page, /^Ben left this document$/);
  });
});
