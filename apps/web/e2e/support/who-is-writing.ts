/**
 * @module who-is-writing
 * A shared school laptop in the tests: the "Who is writing?" picker in the workspace's top
 * bar, driven through the UI only (one browser context = one device).
 */
import type { Locator } from "playwright-core";
import type { Student } from "./student.ts";

/** Opens the picker (if closed) and returns it. */
export async function whoIsWriting(device: Student): Promise<Locator> {
  const dialog = device.page.getByRole("dialog", { name: "Who is writing?" });
  if (!(await dialog.isVisible())) await device.page.getByRole("button", { name: /^Who is writing\?/ }).click();
  await dialog.waitFor();
  return dialog;
}

/** Names of the people the picker lists for this workspace on this device. */
export async function writersOnDevice(device: Student): Promise<string[]> {
  const dialog = await whoIsWriting(device);
  const names = await dialog.getByRole("list", { name: "People on this device" }).getByRole("listitem").evaluateAll((items) =>
    items.map((item) => (item as HTMLElement).dataset.name ?? ""),
  );
  return names;
}

/** Who the top bar says is writing now. */
export async function currentWriter(device: Student): Promise<string> {
  const button = device.page.getByRole("button", { name: /^Who is writing\?/ });
  return (await button.getAttribute("data-writer")) ?? "";
}

/** Someone else sits down at the device: they join the workspace with `code` as `name`. */
export async function addWriter(device: Student, name: string, code: string): Promise<void> {
  const dialog = await whoIsWriting(device);
  await dialog.getByRole("button", { name: "Someone else is writing" }).click();
  await dialog.getByLabel("Your name").fill(name);
  const codeField = dialog.getByLabel("Join code");
  if ((await codeField.inputValue()) === "") await codeField.fill(code);
  await dialog.getByRole("button", { name: "Start writing" }).click();
  await device.page.locator(`[data-testid="who-is-writing"][data-writer="${name}"]`).waitFor();
}

/** Hands the device to `name`, who used it before. */
export async function switchWriter(device: Student, name: string): Promise<void> {
  const dialog = await whoIsWriting(device);
  await dialog.getByRole("button", { name: `${name} is writing`, exact: true }).click();
  await device.page.locator(`[data-testid="who-is-writing"][data-writer="${name}"]`).waitFor();
}

/** Presses "Sign out" for `name`; returns what the picker says afterwards (alert or status). */
export async function signOut(device: Student, name: string): Promise<void> {
  const dialog = await whoIsWriting(device);
  await dialog.getByRole("button", { name: `Sign out ${name}`, exact: true }).click();
}
