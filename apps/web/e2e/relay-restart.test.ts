/**
 * The relay dies (SIGKILL, no goodbye) and comes back on the same port and data dir while two
 * students keep writing: the editors keep working, say offline, then sync, and nothing is lost.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

describe("relay crash and restart mid-session", () => {
  const classroom = useClassroom();

  it("keeps editing through the outage, shows offline, then syncs everything", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("Lab report");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Method");
    await ana.caretAtEnd();
    await ana.type("Before the crash.");
    await ben.join(code);
    await ben.openFromSidebar("Method");
    await ben.waitForText(["Before the crash."]);
    await ana.waitForRelaySaved();

    await classroom.relay.kill("SIGKILL");
    await ana.waitForConnection("offline");
    await ben.waitForConnection("offline");

    // Both keep typing while the relay is down.
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Ana during the outage.");
    await ben.caretAtEnd();
    await ben.page.keyboard.press("Enter");
    await ben.type("Ben during the outage.");
    await ana.page.locator('[data-testid="save-state"][data-relay="offline"]').waitFor();
    expect((await ana.saveState()).pending).toBeGreaterThan(0);

    await classroom.relay.restart();
    const everything = ["Before the crash.", "Ana during the outage.", "Ben during the outage."];
    await ana.waitForText(everything, 60_000);
    await ben.waitForText(everything, 60_000);
    await ana.waitForConnection("online");
    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();
    await waitUntil(async () => (await ana.text()) === (await ben.text()), WAIT_MS, () => "both pages to show the same text");

    // What the relay stored survives another crash: a fresh student sees all of it.
    await classroom.relay.kill("SIGKILL");
    await classroom.relay.restart();
    const cleo = await classroom.student("Cleo");
    await cleo.join(code);
    await cleo.openFromSidebar("Method");
    await cleo.waitForText(everything, 60_000);
  });
});
