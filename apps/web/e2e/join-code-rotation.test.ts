/**
 * The owner replaces the join codes from the Invite box (security finding S6: a removed member
 * could rejoin with the same code for ever). In real Chromium against a real relay: the box
 * shows new codes, the old code is refused with a clear message, the new one lets a classmate
 * in, and the new codes are still there after a reload.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

describe("join code rotation", () => {
  const classroom = useClassroom();

  it("old code refused, new code works, new codes kept", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Rotating");
    const old = await ana.editorJoinCode();

    await ana.page.getByRole("button", { name: "Invite" }).click();
    await ana.page.getByRole("button", { name: "New codes…" }).click();
    await ana.page.getByRole("button", { name: "Replace codes" }).click();
    const shown = ana.page.getByTestId("join-code-editor");
    await ana.page.getByText("New codes are ready").waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what the owner sees
    const fresh = (await shown.innerText()).trim();
    expect(fresh).not.toBe(old);
    await ana.page.getByRole("button", { name: "Done" }).click();

    const ben = await classroom.student("Ben");
    await ben.page.goto("/");
    await ben.page.getByRole("tab", { name: "Join with a code" }).click();
    await ben.page.getByLabel("Join code").fill(old);
    await ben.page.getByLabel("Your name").fill("Ben");
    await ben.page.getByRole("button", { name: "Join workspace" }).click();
    await ben.page.getByText("That code doesn't match any workspace").waitFor();
    await ben.join(fresh);

    await ana.page.reload();
    expect(await ana.editorJoinCode()).toBe(fresh);
  });
});
