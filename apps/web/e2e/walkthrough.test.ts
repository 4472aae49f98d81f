/**
 * The README walk-through, end to end, for two people on two devices (two browser profiles),
 * once on laptops (1280×800) and once on phones (360×740, Chromium's touch and mobile
 * emulation): create a workspace, invite, join, write together, one goes offline and keeps
 * writing, reopens the app with no network, comes back; then the relay crashes and restarts
 * mid-session. Every step checks what the people see, and on the phone that nothing scrolls
 * sideways. It takes the walk-through screenshots linked from the README.
 *
 * `npm test` writes the pictures to a temp dir, so a test run never leaves the committed ones
 * modified. To update docs/screenshots/walkthrough-*.png:
 *   QUIRE_SCREENSHOTS=1 pnpm -s exec vitest run --project e2e apps/web/e2e/walkthrough.test.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { DESKTOP, PHONE, type Screen } from "@quire/testkit";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

const KEEP = process.env.QUIRE_SCREENSHOTS === "1";
const SHOTS = KEEP
  ? resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots")
  : mkdtempSync(resolve(tmpdir(), "quire-walkthrough-"));

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => {
  if (!KEEP) rmSync(SHOTS, { recursive: true, force: true });
});

/** Nothing on the screen may scroll or stick out sideways (the phone layout's promise). */
async function expectFits(student: Student, step: string): Promise<void> {
  expect(await sideways(student.page), `${student.name}, ${step}: sideways overflow`).toEqual({ page: 0, pane: 0, outside: [] });
}

describe.each([DESKTOP, PHONE])("README walk-through on $name", (screen: Screen) => {
  const classroom = useClassroom();
  const shot = (student: Student, step: string) => student.page.screenshot({ path: `${SHOTS}/walkthrough-${screen.name}-${step}.png` });

  it("create, invite, join, co-write, offline, reopen offline, relay restart", async () => {
    const ana = await classroom.student("Ana Lima", screen);
    const ben = await classroom.student("Ben Okafor", screen);

    // 1. Ana starts a workspace and invites Ben with the "can edit" code.
    await ana.createWorkspace("Science project — group 4");
    await ana.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
    const code = (await ana.page.getByTestId("join-code-editor").innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectFits(ana, "invite");
    await shot(ana, "1-invite");
    await ana.page.getByRole("button", { name: "Done" }).click();

    // 2. Ben joins; they write in the same document and see each other.
    await ana.newDocument("How volcanoes work");
    await ana.caretAtEnd();
    await ana.type("## Where magma comes from");
    await ana.page.keyboard.press("Enter");
    await ana.type("Deep under the crust, rock melts into magma.");
    await ben.join(code);
    await ben.openFromSidebar("How volcanoes work");
    await ben.waitForText(["Where magma comes from", "rock melts into magma."]);
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Ben: it rises because it is lighter than the rock around it.");
    await ana.waitForText(["it rises because it is lighter"]);
    await ana.page.locator('[data-testid="presence"] [data-name="Ben Okafor"]').waitFor();
    await ana.waitForRelaySaved();
    await expectFits(ana, "co-writing");
    await expectFits(ben, "co-writing");
    await shot(ana, "2-cowrite");

    // 3. Ben loses the network and keeps writing; Ana writes too.
    await ben.waitForServiceWorker();
    await ben.setOffline(true);
    await ben.waitForConnection("offline");
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Written offline on the bus home.");
    await ben.page.locator('[data-testid="save-state"][data-relay="offline"]').waitFor();
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Ana adds the conclusion in class.");
    await ana.waitForRelaySaved();

    // 4. Ben closes and reopens the app with no network: the app and his words are there.
    await ben.page.reload();
    await ben.editor.waitFor();
    await ben.waitForText(["rock melts into magma.", "Written offline on the bus home."]);
    await ben.waitForConnection("offline");
    expect(await ben.text()).not.toContain("Ana adds the conclusion");
    expect((await ben.saveState()).text).toMatch(/^Offline — \d+ changes? waiting$/);
    await expectFits(ben, "reopened offline");
    await shot(ben, "3-reopened-offline");

    // 5. Back online, everything merges both ways.
    await ben.setOffline(false);
    const merged = ["Where magma comes from", "it rises because", "Written offline on the bus home.", "Ana adds the conclusion in class."];
    await ana.waitForText(merged);
    await ben.waitForText(merged);
    await ben.waitForRelaySaved();

    // 6. The relay crashes mid-session and restarts; both keep writing through it.
    await classroom.relay.kill("SIGKILL");
    await ana.waitForConnection("offline");
    await ben.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Ana while the relay was down.");
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Ben while the relay was down.");
    await classroom.relay.restart();
    const everything = [...merged, "Ana while the relay was down.", "Ben while the relay was down."];
    await ana.waitForText(everything, 60_000);
    await ben.waitForText(everything, 60_000);
    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();
    await waitUntil(async () => (await ana.text()) === (await ben.text()), WAIT_MS, () => "both pages to show the same text");
    for (const part of everything) expect((await ana.text()).split(part).length - 1, part).toBe(1);
    await expectFits(ana, "after the relay restart");
    await shot(ana, "4-after-restart");
  });
});
