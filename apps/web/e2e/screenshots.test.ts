/**
 * Takes the product screenshots committed under docs/screenshots/ (start screen, a workspace
 * with a rich document and two people in it, the offline state, the saved-to-relay state,
 * the invite box). It also checks what each screenshot is meant to show, so a broken screen
 * fails here instead of being committed as a picture.
 *
 * `npm test` writes them to a temp dir, so a test run never leaves the committed pictures
 * modified (every run has new join codes, ids and colours). To update the committed ones:
 *   QUIRE_SCREENSHOTS=1 pnpm -s exec vitest run --project e2e apps/web/e2e/screenshots.test.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

const KEEP = process.env.QUIRE_SCREENSHOTS === "1";
const SHOTS =
  KEEP
    ? resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots")
    : mkdtempSync(resolve(tmpdir(), "quire-screenshots-"));

describe("product screenshots", () => {
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => {
    if (!KEEP) rmSync(SHOTS, { recursive: true, force: true });
  });
  const classroom = useClassroom();

  it("captures the main screens", async () => {
    const ana = await classroom.student("Ana Lima");
    const ben = await classroom.student("Ben Okafor");

    await ana.page.goto("/");
    await ana.page.getByLabel("Workspace name").fill("Science project — group 4");
    await ana.page.getByLabel("Your name").fill("Ana Lima");
    await ana.page.screenshot({ path: `${SHOTS}/start.png` });
    await ana.page.getByRole("button", { name: "Create workspace" }).click();
    await ana.page.waitForURL(/\/w\//);

    await ana.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
    expect(await ana.page.getByTestId("join-code-viewer").innerText()).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await ana.page.screenshot({ path: `${SHOTS}/invite.png` });
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
    const code = (await ana.page.getByTestId("join-code-editor").innerText()).trim();
    await ana.page.getByRole("button", { name: "Done" }).click();

    await ana.newDocument("Sources and notes");
    await ana.type("Library list.");
    await ana.newDocument("How volcanoes work");
    await ana.caretAtEnd();
    // Typed with markdown shortcuts, as a student would.
    const k = ana.page.keyboard;
    await ana.type("## Where magma comes from");
    await k.press("Enter");
    await ana.type("Deep under the crust, rock melts into **magma**. It is lighter than the rock around it, so it _rises_.");
    await k.press("Enter");
    await ana.type("- Shield volcanoes: gentle slopes");
    await k.press("Enter");
    await ana.type("Stratovolcanoes: steep and explosive");
    await k.press("Enter");
    await k.press("Tab");
    await ana.type("Example: Mount Fuji");
    await k.press("Enter");
    await k.press("Enter");
    await k.press("Enter");
    await ana.type("> \"The Earth is alive beneath our feet.\"");
    await k.press("Enter");
    await ana.type("[ ] Find three photos");
    await k.press("Enter");
    await ana.type("Write the conclusion");
    await k.press("Enter");
    await k.press("Enter");
    await ana.page.getByRole("button", { name: "Insert table" }).click();
    await ana.editor.locator("table").waitFor();
    for (const cell of ["Volcano", "Country", "Last eruption", "Etna", "Italy", "2025", "Fuji", "Japan", "1707"]) {
      await ana.type(cell);
      await k.press("Tab");
    }
    await ana.editor.locator("li", { hasText: "Find three photos" }).click({ position: { x: 8, y: 10 } });

    await ben.join(code);
    await ben.openFromSidebar("How volcanoes work");
    await ben.waitForText(["Where magma comes from", "Write the conclusion"]);
    await ben.editor.locator("p", { hasText: "Deep under the crust" }).click();
    await ben.page.keyboard.press("End");
    await ben.type(" Ben: add a diagram here?");
    await ana.waitForText(["Ben: add a diagram here?"]);
    await ana.page.locator('[data-testid="presence"] [data-name="Ben Okafor"]').waitFor();
    await ana.waitForRelaySaved();
    await ana.page.screenshot({ path: `${SHOTS}/workspace.png` });
    await ana.page.getByTestId("save-state").screenshot({ path: `${SHOTS}/saved-to-relay.png` });

    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Written offline on the bus home.");
    await ana.page.locator('[data-testid="save-state"][data-relay="offline"]').waitFor();
    expect((await ana.saveState()).text).toMatch(/^Offline — \d+ changes? waiting$/);
    await ana.page.screenshot({ path: `${SHOTS}/offline.png` });
    await ana.setOffline(false);
    await ben.waitForText(["Written offline on the bus home."]);
  });
});
