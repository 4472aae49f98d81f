/**
 * Issue 15's comment acceptance in Chromium against the real relay: two members comment on the
 * same paragraph while one of them is offline and the text around both commented ranges is
 * edited; after the sync both see both threads, painted on the right words; resolving syncs.
 * A viewer sees the threads but cannot comment; a commenter (a viewer the teacher made a
 * commenter) comments but cannot edit the text. The sidebar counts open comments. The panel
 * passes axe, and on a 360×740 phone it is a sheet at the bottom with nothing sticking out.
 */
import { PHONE } from "@quire/testkit";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeReport, formatFindings } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

const SENTENCE = "The quick brown fox jumps over the lazy dog.";

/** The words painted as open comments, sorted. */
function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get("quire-comment");
    return h ? [...(h as unknown as Set<Range>)].map((r) => r.toString()).sort() : [];
  });
}

async function waitForHighlights(student: Student, words: string[]): Promise<void> {
  let last: string[] = [];
  await waitUntil(
    async () => {
      last = await highlighted(student.page);
      return JSON.stringify(last) === JSON.stringify([...words].sort());
    },
    WAIT_MS,
    () => `${student.name} to see comments on ${JSON.stringify(words)}; painted: ${JSON.stringify(last)}`,
  );
}

async function comment(student: Student, words: string, body: string): Promise<void> {
  await student.selectText(words);
  await student.page.getByTestId("comment-button").click();
  const panel = student.page.getByTestId("comments-panel");
  await panel.getByLabel("Your comment").fill(body);
  await panel.getByRole("button", { name: "Add comment" }).click();
  await panel.getByText(body).waitFor();
}

function thread(student: Student, quote: string) {
  return student.page.getByTestId("comment-thread").filter({ has: student.page.getByRole("button", { name: `Show the words: ${quote}` }) });
}

async function openPanel(student: Student): Promise<void> {
  const toggle = student.page.getByTestId("comments-toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await student.page.getByTestId("comments-panel").waitFor();
}

describe("comments", () => {
  const classroom = useClassroom();

  it("offline and online comments on one paragraph stay on their words; resolve syncs; a viewer cannot comment, a commenter cannot edit", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Class 8C");
    const code = await ana.editorJoinCode();
    await ana.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the owner sees
    const viewerCode = (await ana.page.getByTestId("join-code-viewer").innerText()).trim();
    await ana.page.getByRole("button", { name: "Done" }).click();
    await ana.newDocument("Essay");
    await ana.caretAtEnd();
    await ana.type(SENTENCE);
    await ana.waitForRelaySaved();

    const ben = await classroom.student("Ben");
    await ben.join(code);
    await ben.openFromSidebar("Essay");
    await ben.waitForText([SENTENCE]);
    await ben.waitForServiceWorker();

    // Ben goes offline, comments on "lazy dog" and adds to the end of the paragraph.
    await ben.setOffline(true);
    await ben.waitForConnection("offline");
    await comment(ben, "lazy dog", "Tired, not lazy.");
    await ben.caretAtEnd();
    await ben.type(" The end.");
    // Meanwhile Ana comments on "brown fox" and edits right around both commented ranges.
    await comment(ana, "brown fox", "Which fox?");
    await ana.selectText("lazy");
    await ana.page.keyboard.press("ArrowLeft");
    await ana.type("very ");
    await ana.selectText("fox");
    await ana.page.keyboard.press("ArrowRight");
    await ana.type(" (red)");
    await ana.editor.click();
    await ana.page.keyboard.press("Control+Home");
    await ana.type("Yesterday, ");
    await ana.waitForRelaySaved();

    await ben.setOffline(false);
    const merged = ["Yesterday, The quick brown fox (red) jumps over the very lazy dog. The end."];
    await ana.waitForText(merged);
    await ben.waitForText(merged);
    for (const s of [ana, ben]) {
      await waitForHighlights(s, ["brown fox", "lazy dog"]);
      await waitUntil(async () => (await s.page.getByTestId("comments-toggle").innerText()) === "2 comments", WAIT_MS, () => `${s.name}: 2 open comments`);
    }

    // Ben resolves Ana's thread: Ana sees it resolved, its words no longer painted.
    await openPanel(ben);
    await thread(ben, "brown fox").getByRole("button", { name: "Resolve", exact: true }).click();
    await waitForHighlights(ana, ["lazy dog"]);
    await openPanel(ana);
    await ana.page.getByTestId("comments-panel").getByRole("button", { name: "Resolved", exact: true }).click();
    await thread(ana, "brown fox").getByText("Resolved by Ben").waitFor();
    // The sidebar counts the open comments of each document from this device's copy.
    await waitUntil(
      async () => (await ana.page.getByTestId("doc-open-comments").getAttribute("data-count").catch(() => null)) === "1",
      WAIT_MS,
      () => "Ana's sidebar to count 1 open comment",
    );
    const report = await axeReport(ana.page, "comments panel");
    expect(report.blocking, formatFindings(report.blocking)).toEqual([]);
    await ana.page.getByTestId("comments-panel").getByRole("button", { name: "Open", exact: true }).click();

    // A viewer reads the threads but has no way to comment.
    const cy = await classroom.student("Cy");
    await cy.join(viewerCode);
    await cy.openFromSidebar("Essay");
    await cy.waitForText(merged);
    await waitForHighlights(cy, ["lazy dog"]);
    await openPanel(cy);
    await thread(cy, "lazy dog").waitFor();
    expect(await cy.page.getByTestId("comment-button").count()).toBe(0);
    expect(await thread(cy, "lazy dog").getByRole("button", { name: "Resolve", exact: true }).count()).toBe(0);

    // Dee joins as a viewer; the teacher makes her a commenter.
    const dee = await classroom.student("Dee");
    await dee.join(viewerCode);
    await dee.openFromSidebar("Essay");
    await dee.waitForText(merged);
    const workspace = new URL(ana.page.url()).pathname.split("/")[2] as string;
    const status = await ana.page.evaluate(async (id) => {
      const memberships = JSON.parse(localStorage.getItem("quire.memberships.v1") ?? "[]") as { workspace: { id: string }; token: string }[];
      const token = memberships.find((m) => m.workspace.id === id)?.token ?? "";
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const { members } = (await (await fetch(`/api/workspaces/${id}/members`, { headers })).json()) as { members: { id: string; name: string }[] };
      const deeId = members.find((m) => m.name === "Dee")?.id ?? "";
      return (await fetch(`/api/workspaces/${id}/members/${deeId}`, { method: "PATCH", headers, body: JSON.stringify({ role: "commenter" }) })).status;
    }, workspace);
    expect(status).toBe(200);
    await dee.page.reload();
    await dee.editor.waitFor();
    await dee.page.getByTestId("comment-button").waitFor();
    expect(await dee.editor.getAttribute("contenteditable")).toBe("false");
    await comment(dee, "jumps", "Nice verb.");
    await waitForHighlights(ana, ["jumps", "lazy dog"]);
    // Her keyboard does nothing to the text.
    await dee.editor.click();
    await dee.page.keyboard.type("XYZ");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await dee.text()).not.toContain("XYZ");
    expect(await ana.text()).not.toContain("XYZ");
    await openPanel(ana);
    await thread(ana, "jumps").getByText("Nice verb.").waitFor();

    // On a phone the panel is a sheet over the lower part of the screen; nothing sticks out.
    const eve = await classroom.student("Eve", PHONE);
    await eve.join(code);
    await eve.openFromSidebar("Essay");
    await eve.waitForText(merged);
    await openPanel(eve);
    await thread(eve, "jumps").waitFor();
    const box = await eve.page.getByTestId("comments-panel").boundingBox();
    expect(box?.width).toBe(360);
    expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(740);
    expect(await sideways(eve.page)).toEqual({ page: 0, pane: 0, outside: [] });
    const phone = await axeReport(eve.page, "comments sheet on a phone");
    expect(phone.blocking, formatFindings(phone.blocking)).toEqual([]);
  });
});
