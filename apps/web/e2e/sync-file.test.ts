/**
 * Sync files in Chromium (issue 14, acceptance): Ana's browser, with no network, saves her
 * changes to a `.quire` file; Ben's browser (another profile, offline too) loads it — the report
 * says what changed, a second load changes nothing, a damaged file is refused with nothing
 * applied — and once both meet the relay again they converge, and keep converging as they type.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import type { Student } from "./support/student.ts";

const work = mkdtempSync(join(tmpdir(), "quire-e2e-sync-file-"));

async function openSyncFile(student: Student): Promise<void> {
  const dialog = student.page.getByTestId("sync-file-dialog");
  if (!(await dialog.isVisible())) await student.page.getByTestId("sync-file-button").click();
  await dialog.waitFor();
}

async function saveFile(student: Student, path: string): Promise<void> {
  await openSyncFile(student);
  const download = student.page.waitForEvent("download");
  await student.page.getByRole("button", { name: "Save changes to a file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.quire$/);
  await file.saveAs(path);
  await student.page.getByTestId("sync-file-message").getByText(/Saved .*\.quire/).waitFor();
}

async function loadFile(student: Student, path: string): Promise<string> {
  await openSyncFile(student);
  const message = student.page.getByTestId("sync-file-message");
  // The outcome is the first message that is neither the one before nor "Checking…" (each load
  // in this test ends in a different message). The message element is the app's: clearing its
  // text from here left the renderer updating a detached text node (preact/compat).
  const before = (await message.textContent()) ?? "";
  await student.page.getByTestId("sync-file-input").setInputFiles(path);
  await student.page.waitForFunction((previous) => {
    const text = document.querySelector('[data-testid="sync-file-message"]')?.textContent ?? "";
    return text !== "" && text !== previous && !text.startsWith("Checking");
  }, before);
  // biome-ignore lint/performance/useDomNodeTextContent: what the student reads
  return message.innerText();
}

describe("sync files between two browsers", () => {
  const classroom = useClassroom();

  it("carries offline changes on a file, reports them, refuses a damaged file, and converges at the relay", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("River project");
    const code = await ana.editorJoinCode();
    await ana.newDocument("River report");
    await ana.caretAtEnd();
    await ana.type("Shared start.");
    await ana.waitForRelaySaved();
    await ben.join(code);
    await ben.openFromSidebar("River report");
    await ben.waitForText(["Shared start."]);

    // Each opened the menu once online (its code is fetched then, not in the first load).
    for (const s of [ana, ben]) {
      await openSyncFile(s);
      await s.page.getByRole("button", { name: "Done" }).click();
    }

    // No network for either.
    await ana.setOffline(true);
    await ben.setOffline(true);
    await ana.waitForConnection("offline");
    await ben.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.type(" Ana on the bus.");
    await ana.newDocument("Field notes");
    await ana.caretAtEnd();
    await ana.type("Frogs seen: 4.");
    await ana.page.locator('[data-testid="save-state"][data-device="saved"]').waitFor();

    const file = join(work, "ana.quire");
    await saveFile(ana, file);

    // Ben loads it, offline: the open document shows Ana's words at once, the new one appears.
    const report = await loadFile(ben, file);
    // The two documents and the list of documents (Ana added "Field notes" to it).
    expect(report).toMatch(/^3 documents changed\./);
    const rows = ben.page.getByTestId("sync-file-report");
    await expect(rows.locator('li[data-status="changed"]').filter({ hasText: "River report" }).textContent()).resolves.toMatch(/\+16 characters, −0 characters/);
    await expect(rows.locator('li[data-status="new"]').filter({ hasText: "Field notes" }).textContent()).resolves.toMatch(/new, \+14 characters/);
    await expect(rows.textContent()).resolves.toContain("File from Ana.");
    await ben.waitForText(["Shared start. Ana on the bus."]);
    await ben.sidebarItem("Field notes").waitFor();

    // Twice: nothing changes.
    expect(await loadFile(ben, file)).toMatch(/^0 documents changed\./);

    // A damaged copy: refused, and nothing applied.
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 0x40, bytes.length - 3);
    const damaged = join(work, "damaged.quire");
    writeFileSync(damaged, bytes);
    expect(await loadFile(ben, damaged)).toBe("This file is damaged. Copy it again. Nothing was changed.");
    await expect(ben.page.getByTestId("sync-file-message").getAttribute("role")).resolves.toBe("alert");
    writeFileSync(join(work, "cut.quire"), readFileSync(file).subarray(0, 200));
    expect(await loadFile(ben, join(work, "cut.quire"))).toMatch(/^This file is incomplete/);

    // Ben writes too, still offline; then he meets the relay first, Ana after him.
    await ben.page.getByRole("button", { name: "Done" }).click();
    await ben.caretAtEnd();
    await ben.type(" Ben at home.");
    await ben.openFromSidebar("Field notes");
    await ben.waitForText(["Frogs seen: 4."]);
    await ben.setOffline(false);
    await ben.waitForConnection("online");
    await ana.setOffline(false);
    await ana.waitForConnection("online");

    // They keep converging as they type: Ana goes on in the document she made offline, in the
    // same editor (the same Yjs client id as the words Ben carried to the relay before her).
    await ana.caretAtEnd();
    await ana.type(" Herons: 2.");
    await ana.waitForRelaySaved();
    await ben.waitForText(["Frogs seen: 4. Herons: 2."]);
    await ana.openFromSidebar("River report");
    await ana.waitForText(["Shared start. Ana on the bus. Ben at home."]);
    await ana.waitForRelaySaved();
    await ben.openFromSidebar("River report");
    await ben.waitForText(["Shared start. Ana on the bus. Ben at home."]);
    await ben.waitForRelaySaved();
  });
});
