/**
 * The two known traps of Yjs editors, each designed out and checked in real browsers:
 * - initial content seeded by every client (yjs#170, lexical#5961): the editor never seeds
 *   (shouldBootstrap=false), so clients that open an empty doc at once add nothing;
 * - an empty doc overwriting real content because sync ran before storage loaded
 *   (hocuspocus#382): a device with nothing on it, opening while the relay is down and again
 *   after it restarts, ends with the real content exactly once.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

describe("known traps", () => {
  const classroom = useClassroom();

  it("three clients opening an empty doc at once seed nothing; the first line exists once", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Seeding");
    const code = await ana.editorJoinCode();
    const path = await ana.newDocument("Empty at first");
    const ben = await classroom.student("Ben");
    const cleo = await classroom.student("Cleo");
    await Promise.all([ben.join(code), cleo.join(code)]);
    await Promise.all([ben.page.goto(path), cleo.page.goto(path), ana.page.reload()]);
    await Promise.all([ben.editor.waitFor(), cleo.editor.waitFor(), ana.editor.waitFor()]);
    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();
    await cleo.waitForRelaySaved();

    await ana.caretAtEnd();
    await ana.type("Only line.");
    for (const s of [ana, ben, cleo]) await s.waitForText(["Only line."]);
    // Every client reopens the doc twice more: still exactly one paragraph, nothing added.
    for (let round = 0; round < 2; round++) {
      await Promise.all([ana, ben, cleo].map((s) => s.page.reload()));
      for (const s of [ana, ben, cleo]) {
        await s.waitForText(["Only line."]);
        await s.waitForRelaySaved();
      }
    }
    for (const s of [ana, ben, cleo]) {
      expect(await s.text()).toBe("Only line.");
      expect(await s.editor.locator("p").count(), s.name).toBe(1);
    }
  });

  it("a device with nothing stored, opening while the relay is down, never overwrites the real doc", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Overwrite");
    const code = await ana.editorJoinCode();
    // Dev has the app on the device, then loses the network before Ana writes the document.
    const dev = await classroom.student("Dev");
    await dev.join(code);
    await dev.waitForServiceWorker();
    await dev.setOffline(true);
    await dev.waitForConnection("offline");

    const path = await ana.newDocument("Precious");
    await ana.caretAtEnd();
    const lines = ["First real line.", "Second real line.", "Third real line."];
    for (const [i, line] of lines.entries()) {
      if (i > 0) await ana.page.keyboard.press("Enter");
      await ana.type(line);
    }
    await ana.waitForRelaySaved();
    const original = await ana.text();

    // The relay goes down; Dev's network comes back and Dev opens the document: nothing of it
    // is on Dev's device, so the page is empty — and must stay harmless.
    await classroom.relay.kill("SIGKILL");
    await dev.setOffline(false);
    await dev.page.goto(path);
    await dev.editor.waitFor();
    await dev.waitForConnection("offline");
    expect((await dev.text()).trim()).toBe("");

    await classroom.relay.restart();
    await dev.waitForText(lines, 60_000);
    await ana.waitForText(lines, 60_000);
    await dev.waitForRelaySaved();
    await ana.waitForRelaySaved();
    await waitUntil(async () => (await dev.text()) === original && (await ana.text()) === original, WAIT_MS, () => "both to show exactly the original text");
    for (const line of lines) expect((await ana.text()).split(line).length - 1).toBe(1);
  });
});
