/**
 * Storage quotas in the app (security review S5): the owner sees how much of the relay's
 * storage the workspace uses, in the Invite box; a student whose change does not fit is told
 * why it waits on the device; nothing saved before is lost and nothing over the quota is kept.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

const QUOTA = 64 * 1024;

describe("workspace storage quota", () => {
  const classroom = useClassroom({ relayEnv: { WORKSPACE_QUOTA_BYTES: String(QUOTA) } });

  it("shows the owner the usage figure and tells a student why a change over the quota waits", async () => {
    const teacher = await classroom.student("Ms Rivera");
    const ben = await classroom.student("Ben Okafor");
    await teacher.createWorkspace("Class 5B");
    const code = await teacher.editorJoinCode();
    await teacher.newDocument("River report");
    await teacher.caretAtEnd();
    await teacher.type("Rivers carry water to the sea.");
    await teacher.waitForRelaySaved();
    const workspaceId = /\/w\/(w[a-z0-9]{10})/.exec(teacher.page.url())?.[1] ?? "";

    const before = await teacher.storageUsage();
    // The figure is the relay's own count (which the relay tests hold to the stored rows).
    expect(before.usedBytes).toBe(await relayUsedBytes(workspaceId));
    expect(before.usedBytes).toBeGreaterThan(0);
    expect(before.quotaBytes).toBe(QUOTA);
    expect(before.text).toMatch(/This workspace uses [\d.]+ (bytes|kB) of 64\.0 kB \(\d+ %\)/);

    await ben.join(code);
    await ben.openFromSidebar("River report");
    await ben.waitForText(["Rivers carry water to the sea."]);
    await ben.caretAtEnd();
    // One paste larger than the whole quota: the relay refuses it (4532) and keeps nothing.
    await ben.page.keyboard.insertText(` ${"flood ".repeat(12_000)}`);
    let shown = "";
    await waitUntil(
      async () => {
        shown = (await ben.saveState()).text;
        return /storage quota for you or this workspace is used up/.test(shown);
      },
      WAIT_MS,
      () => `Ben's save state to explain the quota (it says "${shown}"; relay log: ${classroom.relay.output.slice(-500)})`,
    );
    const state = await ben.saveState();
    expect(state.relay).not.toBe("saved");
    expect(state.text).toMatch(/safe on this device/);
    // Still on Ben's device, never on the teacher's screen.
    expect(await ben.text()).toContain("flood flood");
    expect(await teacher.text()).not.toContain("flood");

    const after = await teacher.storageUsage();
    expect(after.usedBytes).toBe(await relayUsedBytes(workspaceId));
    expect(after.usedBytes).toBeLessThan(QUOTA);
    expect(after.usedBytes).toBeLessThan(before.usedBytes + 4096);

    async function relayUsedBytes(workspace: string): Promise<number> {
      const token = classroom.relay.token({ workspace, role: "editor" });
      const response = await fetch(`${classroom.relay.httpUrl}/api/workspaces/${workspace}/usage`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { workspace: { usedBytes: number } }).workspace.usedBytes;
    }
  });
});
