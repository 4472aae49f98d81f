/**
 * Issue 15's suggestion acceptance in Chromium against the real relay: Ana, offline, switches
 * to Suggesting, inserts words and deletes others; she reconnects; Ben sees both proposals
 * painted in Ana's colour and listed, accepts the insertion and rejects the deletions (one, then
 * "Reject all"); the text
 * is right on both; the relay's contributions credit Ana for the accepted words (her client
 * inserted them) and Ben for the rest. A viewer on a 360×740 phone sees the proposals in a
 * sheet at the bottom, with nothing to accept or reject. The list passes axe.
 */
import { PHONE } from "@quire/testkit";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { userColor } from "../src/editor/user-color.ts";
import { axeReport, formatFindings } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

const SENTENCE = "The fox jumps over the dog.";

/** The words painted by highlight `name`, sorted. */
function painted(page: Page, name: string): Promise<string[]> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    return h ? [...(h as unknown as Set<Range>)].map((r) => r.toString()).sort() : [];
  }, name);
}

async function waitForPainted(student: Student, name: string, words: string[]): Promise<void> {
  let last: string[] = [];
  await waitUntil(
    async () => {
      last = await painted(student.page, name);
      return JSON.stringify(last) === JSON.stringify(words);
    },
    WAIT_MS,
    () => `${student.name} to see ${name} on ${JSON.stringify(words)}; painted: ${JSON.stringify(last)}`,
  );
}

/** This member's id on this device (the membership the app keeps). */
function memberId(student: Student): Promise<string> {
  return student.page.evaluate(() => (JSON.parse(localStorage.getItem("quire.memberships.v1") ?? "[]") as { user: { id: string } }[])[0]?.user.id ?? "");
}

describe("suggestions", () => {
  const classroom = useClassroom();

  it("an offline proposal is accepted by another member; the rejected deletion stays; history credits the proposer", async () => {
    const ben = await classroom.student("Ben");
    await ben.createWorkspace("Group 4");
    const code = await ben.editorJoinCode();
    await ben.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the owner sees
    const viewerCode = (await ben.page.getByTestId("join-code-viewer").innerText()).trim();
    await ben.page.getByRole("button", { name: "Done" }).click();
    const path = await ben.newDocument("Report");
    await ben.caretAtEnd();
    await ben.type(SENTENCE);
    await ben.waitForRelaySaved();

    const ana = await classroom.student("Ana");
    await ana.join(code);
    await ana.openFromSidebar("Report");
    await ana.waitForText([SENTENCE]);
    await ana.waitForServiceWorker();
    // Pointing at "Suggest" fetches its chunk, which the service worker keeps for offline use.
    await ana.page.getByRole("button", { name: "Suggest", exact: true }).hover();
    await waitUntil(
      () => ana.page.evaluate(async () => (await (await caches.open("quire-sync-file")).keys()).some((r) => r.url.includes("SuggestionsPlugin"))),
      WAIT_MS,
      () => "Ana's service worker to keep the suggestion chunk",
    );

    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.page.getByRole("button", { name: "Suggest", exact: true }).click();
    await waitUntil(async () => (await ana.page.getByRole("button", { name: "Suggest", exact: true }).getAttribute("aria-pressed")) === "true", WAIT_MS, () => "Suggesting on");
    await ana.selectText("fox");
    await ana.page.keyboard.press("ArrowLeft");
    await ana.type("quick ");
    await ana.selectText("jumps ");
    await ana.page.keyboard.press("Backspace");
    // Backspace at a caret proposes one character after another: one proposal, "og".
    await ana.selectText("dog");
    await ana.page.keyboard.press("ArrowRight");
    // Lexical takes a moved caret on `selectionchange`; Backspace acts on Lexical's selection,
    // so let two frames pass (under load it once still held "dog" and proposed " dog").
    await ana.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await ana.page.keyboard.press("Backspace");
    await ana.page.keyboard.press("Backspace");
    // Nothing was deleted: the words are proposed for deletion, painted in her colour.
    const merged = "The quick fox jumps over the dog.";
    await ana.waitForText([merged]);
    const hex = userColor(await memberId(ana)).color.slice(1);
    await waitForPainted(ana, `quire-suggest-insert-${hex}`, ["quick "]);
    await waitForPainted(ana, `quire-suggest-delete-${hex}`, ["jumps ", "og"]);

    await ana.setOffline(false);
    await ana.waitForRelaySaved();
    await ben.waitForText([merged]);
    await waitForPainted(ben, `quire-suggest-insert-${hex}`, ["quick "]);
    await waitForPainted(ben, `quire-suggest-delete-${hex}`, ["jumps ", "og"]);

    // A viewer on a phone reads the proposals in a sheet and cannot settle them.
    const cy = await classroom.student("Cy", PHONE);
    await cy.join(viewerCode);
    await cy.openFromSidebar("Report");
    await cy.waitForText([merged]);
    await waitForPainted(cy, `quire-suggest-insert-${hex}`, ["quick "]);
    await cy.page.getByTestId("suggestions-toggle").click();
    const sheet = cy.page.getByTestId("suggestions-panel");
    await sheet.getByText("Ana proposes deleting").first().waitFor();
    expect(await sheet.getByRole("button", { name: /^(Accept|Reject)/ }).count()).toBe(0);
    expect(await cy.page.getByRole("button", { name: "Suggest", exact: true }).count()).toBe(0);
    const box = await sheet.boundingBox();
    expect(box?.width).toBe(360);
    expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(740);
    expect(await sideways(cy.page)).toEqual({ page: 0, pane: 0, outside: [] });
    await cy.close();

    await ben.page.getByTestId("suggestions-toggle").click();
    const panel = ben.page.getByTestId("suggestions-panel");
    const item = (kind: string) => panel.locator(`[data-testid="suggestion"][data-kind="${kind}"]`);
    await item("insert").getByText("Ana proposes adding").waitFor();
    await item("delete").first().getByText("Ana proposes deleting").waitFor();
    expect(await item("delete").count()).toBe(2);
    const report = await axeReport(ben.page, "suggestions panel");
    expect(report.blocking, formatFindings(report.blocking)).toEqual([]);
    await item("insert").getByRole("button", { name: "Accept", exact: true }).click();
    await item("delete").first().getByRole("button", { name: "Reject", exact: true }).click();
    await waitUntil(async () => (await item("delete").count()) === 1, WAIT_MS, () => "one deletion left");
    await panel.getByRole("button", { name: "Reject all", exact: true }).click();

    for (const s of [ben, ana]) {
      await s.waitForText([merged]);
      await waitForPainted(s, `quire-suggest-insert-${hex}`, []);
      await waitForPainted(s, `quire-suggest-delete-${hex}`, []);
      // biome-ignore lint/performance/useDomNodeTextContent: what the member sees
      await waitUntil(async () => (await s.page.getByTestId("suggestions-toggle").innerText()) === "0 suggestions", WAIT_MS, () => `${s.name}: no suggestions left`);
      expect((await s.text()).trim()).toBe(merged);
    }
    await ben.waitForRelaySaved();

    // The relay's contributions: "quick " is Ana's (her client inserted it), the rest Ben's.
    const anaId = await memberId(ana);
    const benId = await memberId(ben);
    const [, workspace, doc] = path.split("/").filter(Boolean) as [string, string, string];
    let rows: { userId: string; surviving: number }[] = [];
    await waitUntil(
      async () => {
        rows = await ben.page.evaluate(async (docName) => {
          const token = (JSON.parse(localStorage.getItem("quire.memberships.v1") ?? "[]") as { token: string }[])[0]?.token ?? "";
          const response = await fetch(`/api/docs/${encodeURIComponent(docName)}/contributions`, { headers: { authorization: `Bearer ${token}` } });
          return response.ok ? ((await response.json()) as { users: { userId: string; surviving: number }[] }).users : [];
        }, `${workspace}/${doc}`);
        return rows.find((r) => r.userId === anaId)?.surviving === "quick ".length;
      },
      WAIT_MS,
      () => `the relay to credit Ana with "quick "; rows: ${JSON.stringify(rows)}`,
    );
    expect(rows.find((r) => r.userId === benId)?.surviving).toBe(SENTENCE.length);
  });
});
