/**
 * Offline-first acceptance: a student loses the network, keeps writing, reloads the page with
 * no network (the service worker serves the app, IndexedDB the document), and everything merges
 * with what a classmate wrote meanwhile once the network is back.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

describe("offline editing", () => {
  const classroom = useClassroom();

  /** Ana owns a workspace with one document both she and Ben have open and in sync. */
  async function twoStudentsInOneDoc(title: string, lines: string[]): Promise<{ ana: Student; ben: Student }> {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("History group");
    const code = await ana.editorJoinCode();
    await ana.newDocument(title);
    await ana.caretAtEnd();
    for (const [i, line] of lines.entries()) {
      if (i > 0) await ana.page.keyboard.press("Enter");
      await ana.type(line);
    }
    await ben.join(code);
    await ben.openFromSidebar(title);
    await ben.waitForText(lines);
    await ana.waitForRelaySaved();
    return { ana, ben };
  }

  it("keeps offline edits through an offline reload and merges them with a classmate's, keystroke for keystroke", async () => {
    const { ana, ben } = await twoStudentsInOneDoc("Causes of the war", ["Shared paragraph.", "Second paragraph."]);
    await ana.waitForServiceWorker();

    await ana.setOffline(true);
    await ana.waitForConnection("offline");

    // Both edit the same paragraph and add paragraphs of their own.
    await ana.caretAfter("Shared paragraph.");
    await ana.type(" Ana-offline-words.");
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Ana wrote this on the bus.");

    await ben.caretAfter("Shared paragraph.");
    await ben.type(" Ben-online-words.");
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Ben wrote this in class.");
    await ben.waitForRelaySaved();

    // The save state is honest: Ana's changes are on her device, not on the relay.
    await ana.page.locator('[data-testid="save-state"][data-relay="offline"]').waitFor();
    const offlineState = await ana.saveState();
    expect(offlineState.pending).toBeGreaterThan(0);
    expect(offlineState.text).toMatch(/^Offline — \d+ changes? waiting$/);

    // Reload with no network: the service worker serves the app, IndexedDB the document.
    await ana.page.reload();
    await ana.editor.waitFor();
    await ana.waitForText(["Shared paragraph. Ana-offline-words.", "Second paragraph.", "Ana wrote this on the bus."]);
    await ana.waitForConnection("offline");
    expect(await ana.text()).not.toContain("Ben-online-words");

    await ana.setOffline(false);
    const everything = ["Ana-offline-words.", "Ben-online-words.", "Second paragraph.", "Ana wrote this on the bus.", "Ben wrote this in class."];
    await ana.waitForText(everything);
    await ben.waitForText(everything);
    await waitUntil(async () => (await ana.text()) === (await ben.text()), WAIT_MS, () => "both pages to show the same text");
    // Nothing lost or duplicated: each typed run appears exactly once, in one paragraph.
    const final = await ana.text();
    for (const part of everything) expect(final.split(part).length - 1, part).toBe(1);
    const shared = final.split("\n").find((line) => line.startsWith("Shared paragraph."));
    expect(shared).toContain("Ana-offline-words.");
    expect(shared).toContain("Ben-online-words.");
    await ana.waitForRelaySaved();
  });

  it("merges formatting made offline with a classmate's, and undo takes back only your own", async () => {
    const { ana, ben } = await twoStudentsInOneDoc("Formatting", ["alpha beta gamma delta"]);
    const k = (s: Student) => s.page.keyboard;
    await ana.setOffline(true);
    await ana.waitForConnection("offline");

    // Ana (offline) bolds " beta"; Ben (online) italicises " delta" in the same paragraph.
    await ana.selectText("beta");
    await k(ana).press("Control+b");
    await ana.editor.locator(".ed-bold", { hasText: "beta" }).waitFor();
    await ben.selectText("delta");
    await k(ben).press("Control+i");
    await ben.editor.locator(".ed-italic", { hasText: "delta" }).waitFor();
    await ben.waitForRelaySaved();

    await ana.setOffline(false);
    for (const s of [ana, ben]) {
      await s.editor.locator(".ed-bold", { hasText: "beta" }).waitFor();
      await s.editor.locator(".ed-italic", { hasText: "delta" }).waitFor();
      await s.waitForText(["alpha beta gamma delta"]);
    }
    await ana.waitForRelaySaved();

    // Ana undoes her bold: Ben's italics stay, on both screens.
    await ana.caretAfter("alpha");
    await k(ana).press("Control+z");
    for (const s of [ana, ben]) {
      await waitUntil(async () => (await s.editor.locator(".ed-bold").count()) === 0, WAIT_MS, () => `${s.name}: bold undone`);
      await s.editor.locator(".ed-italic", { hasText: "delta" }).waitFor();
      expect(await s.text()).toBe("alpha beta gamma delta");
    }
  });

  it("shows a document created offline in a classmate's sidebar after reconnecting", async () => {
    const { ana, ben } = await twoStudentsInOneDoc("Sources", ["Library books."]);
    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.newDocument("Made on the train");
    await ana.caretAtEnd();
    await ana.type("Written with no network.");
    await ana.setOffline(false);

    await ben.sidebarItem("Made on the train").waitFor({ timeout: WAIT_MS });
    await ben.openFromSidebar("Made on the train");
    await ben.waitForText(["Written with no network."]);
  });

  it("opens offline a document this device never opened, after one online visit", async () => {
    const { ana, ben } = await twoStudentsInOneDoc("Timeline", ["1914 starts."]);
    // Ben writes a new document; Ana never opens it.
    await ben.newDocument("Ben's notes");
    await ben.caretAtEnd();
    await ben.type("Notes Ana has never opened.");
    await ben.waitForRelaySaved();
    await ana.sidebarItem("Ben's notes").waitFor();
    // Ana's "one online visit" after Ben wrote: background sync brings every document of the
    // workspace to her device, opened or not.
    await ana.page.reload();
    await ana.editor.waitFor();
    await ana.page.locator('[data-testid="background-sync"][data-pending="0"]').waitFor();
    await ana.waitForServiceWorker();

    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    // Launch the app from its start URL with no network, as the installed app would: it opens
    // straight into the last workspace.
    await ana.page.goto("/");
    await ana.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    await ana.openFromSidebar("Ben's notes");
    await ana.waitForText(["Notes Ana has never opened."]);
  });
});
