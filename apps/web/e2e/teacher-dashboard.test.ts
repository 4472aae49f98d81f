/**
 * Issue 13's teacher dashboard in Chromium against the real relay: a teacher on a fresh
 * profile starts a class, makes three groups, puts two students and a document in them, prints
 * sign-in cards (the print page holds each student's code and a QR image of her sign-in link,
 * and prints only the cards), and two students sign in on their own profiles with their
 * personal codes — one through the card's link, one by typing it — as the roster's members.
 * The teacher sees them online now and their last activity once they type, and when one
 * leaves. A second teacher on a 360×740 phone signs in with his code, reaches the dashboard
 * from the workspace, moves a student and locks the document, with nothing sideways (also in
 * French and Arabic). A lost card gets a new code, a member is removed after a confirm. axe on
 * the dashboard, the cards, the confirm and the phone.
 */
import { PHONE } from "@quire/testkit";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeReport, formatFindings } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { sideways } from "./support/sideways.ts";
import type { Student } from "./support/student.ts";
import { WAIT_MS, waitUntil } from "./support/student.ts";

async function noBlockingAxe(page: Page, screen: string): Promise<void> {
  const report = await axeReport(page, screen);
  expect(report.blocking, formatFindings(report.blocking)).toEqual([]);
}

function dashboard(page: Page): Locator {
  return page.getByTestId("class-dashboard");
}

function memberRow(page: Page, name: string): Locator {
  return page.getByTestId("class-members").locator("li.class-member", { has: page.locator("strong", { hasText: name }) });
}

/** Waits for the dashboard's status line to say `text` (each change reports its outcome). */
async function done(page: Page, text: string): Promise<void> {
  await dashboard(page).getByRole("status").filter({ hasText: text }).waitFor();
}

async function addGroup(page: Page, name: string): Promise<void> {
  await page.getByLabel("New group name").fill(name);
  await page.getByRole("button", { name: "Add group" }).click();
  await done(page, `Group “${name}” added.`);
}

async function addStudent(page: Page, name: string, group: string): Promise<void> {
  const form = page.locator("form.class-add-member");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Group").selectOption({ label: group });
  await form.getByRole("button", { name: "Add to class" }).click();
  await done(page, `${name} added, with a personal sign-in code.`);
}

/** Signs a fresh profile in with a personal code typed in the start screen's join field. */
async function signInByTyping(student: Student, code: string): Promise<void> {
  await student.page.goto("/");
  await student.page.getByRole("tab", { name: "Join with a code" }).click();
  await student.page.getByLabel("Join code").fill(code.toLowerCase());
  await student.page.getByText("This is a personal sign-in code").waitFor();
  await student.page.getByRole("button", { name: "Join workspace" }).click();
  await student.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
}

describe("teacher dashboard", () => {
  const classroom = useClassroom();

  it("a teacher sets up a class, prints sign-in cards, and sees her students sign in, type and leave; a second teacher manages it from a phone", async () => {
    const teacher = await classroom.student("Ms Rivera");
    await teacher.createWorkspace("Class 7B");
    await teacher.newDocument("Volcano report");
    const page = teacher.page;
    await page.getByRole("button", { name: "Class", exact: true }).click();
    await page.waitForURL(/\/w\/w[a-z0-9]{10}\/class$/);
    await page.getByRole("heading", { name: "Class: Class 7B" }).waitFor();

    for (const group of ["Group A", "Group B", "Group C"]) await addGroup(page, group);
    await addStudent(page, "Ana", "Group A");
    await addStudent(page, "Ben", "Group B");
    await page.getByLabel("Name", { exact: true }).fill("Mr Okafor");
    await page.locator("form.class-add-member").getByLabel("Role").selectOption("teacher");
    await page.getByRole("button", { name: "Add to class" }).click();
    await done(page, "Mr Okafor added, with a personal sign-in code.");
    await page.getByLabel("Who works on Volcano report").selectOption({ label: "Group A" });
    await done(page, "“Volcano report” is now for Group A.");
    const groupA = page.locator("li.class-group", { has: page.getByRole("heading", { name: "Group A" }) });
    await groupA.getByText("Volcano report").waitFor();
    await groupA.getByText("Ana").waitFor();
    const codes = new Map<string, string>();
    for (const name of ["Ana", "Ben", "Mr Okafor"]) codes.set(name, ((await memberRow(page, name).getByTestId("member-code").textContent()) ?? "").trim());
    for (const code of codes.values()) expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await noBlockingAxe(page, "class dashboard");

    // The cards: one per student (teachers sign in otherwise), each with its code and a QR image.
    await page.getByRole("button", { name: "Print sign-in cards" }).click();
    await page.waitForURL(/\/class\/cards$/);
    const cards = page.getByTestId("sign-in-cards").locator("li.class-card");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const links = new Map<string, string>();
    for (const name of ["Ana", "Ben"]) {
      const card = cards.filter({ hasText: name });
      expect(((await card.getByTestId("card-code").textContent()) ?? "").trim()).toBe(codes.get(name));
      await expect.poll(() => card.getByText("Class 7B").count()).toBe(1);
      const qr = card.getByRole("img", { name: `QR code that signs ${name} in` });
      expect(await qr.getAttribute("src")).toMatch(/^data:image\/gif;base64,/);
      expect(await qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 100)).toBe(true);
      links.set(name, `/signin#${codes.get(name)}`);
    }
    await noBlockingAxe(page, "sign-in cards");
    // On paper: only the cards.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "Print", exact: true }).isVisible()).toBe(false);
    expect(await cards.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "Back to the class" }).click();
    await dashboard(page).waitFor();

    // Ana opens her card's link; Ben types his code. Each is the roster's member, by name.
    const ana = await classroom.student("Ana");
    await ana.page.goto(links.get("Ana") ?? "");
    await ana.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    expect(new URL(ana.page.url()).hash).toBe("");
    await ana.page.locator(".topbar-title", { hasText: "Ana" }).waitFor();
    const ben = await classroom.student("Ben");
    await signInByTyping(ben, codes.get("Ben") ?? "");

    await memberRow(page, "Ana").getByTestId("member-online").waitFor({ timeout: WAIT_MS });
    await memberRow(page, "Ben").getByTestId("member-online").waitFor({ timeout: WAIT_MS });
    await expect.poll(() => page.getByTestId("class-online-count").textContent(), { timeout: WAIT_MS }).toMatch(/^[3-9] members online now$/);

    await ana.openFromSidebar("Volcano report");
    await ana.caretAtEnd();
    await ana.type("Lava is molten rock.");
    await ana.waitForRelaySaved();
    await waitUntil(async () => (await memberRow(page, "Ana").getByTestId("member-last-active").textContent()) === "Last active just now", WAIT_MS, () => "Ana's last activity");
    // A student has no way to the dashboard (and the relay would refuse her anyway).
    expect(await ana.page.getByRole("button", { name: "Class", exact: true }).count()).toBe(0);

    // Ben leaves: he is no longer online, and his last activity stays.
    await ben.close();
    await memberRow(page, "Ben").getByTestId("member-online").waitFor({ state: "detached", timeout: WAIT_MS });
    expect(await memberRow(page, "Ben").getByTestId("member-last-active").textContent()).toMatch(/^Last active /);

    // The second teacher, on a phone: signs in with his code and finds the class from the workspace.
    const okafor = await classroom.student("Mr Okafor", PHONE);
    await signInByTyping(okafor, codes.get("Mr Okafor") ?? "");
    await okafor.page.getByRole("button", { name: "Class", exact: true }).click();
    const phone = okafor.page;
    await phone.getByRole("heading", { name: "Class: Class 7B" }).waitFor();
    await memberRow(phone, "Ana").getByTestId("member-online").waitFor();
    await phone.getByLabel("Group of Ben").selectOption({ label: "Group C" });
    await done(phone, "Ben moved to Group C.");
    await phone.getByRole("button", { name: "Lock now: Volcano report" }).click();
    await done(phone, "“Volcano report” is locked: students can only read it.");
    expect(await phone.locator('li.class-doc[data-locked="true"]').count()).toBe(1);
    const report = await sideways(phone);
    expect(report, JSON.stringify(report)).toEqual({ page: 0, pane: 0, outside: [] });
    await noBlockingAxe(phone, "class dashboard on a phone");
    // The longest translations (French) and right to left (Arabic) fit the phone too, with no
    // key left untranslated.
    for (const [lang, heading] of [["fr", "Classe\u00a0: Class 7B"], ["ar", "الفصل: Class 7B"]] as const) {
      await okafor.chooseLanguage(lang);
      await phone.getByRole("heading", { name: heading }).waitFor();
      await phone.locator("li.class-member").first().waitFor();
      const text = (await phone.locator("main").textContent()) ?? "";
      expect(text).not.toMatch(/\bclass\.[a-zA-Z]/);
      const shown = await sideways(phone);
      expect(shown, `${lang}: ${JSON.stringify(shown)}`).toEqual({ page: 0, pane: 0, outside: [] });
    }

    // The teacher's laptop shows the phone's changes at its next read.
    await page.reload();
    await expect.poll(() => page.getByLabel("Group of Ben").inputValue(), { timeout: WAIT_MS }).not.toBe("");
    const groupC = page.locator("li.class-group", { has: page.getByRole("heading", { name: "Group C" }) });
    await groupC.getByText("Ben").waitFor();
    await page.locator('li.class-doc[data-locked="true"]').waitFor();

    // A lost card: a new code for Ana; Ben removed after a second question (Cancel first).
    const anaCode = memberRow(page, "Ana").getByTestId("member-code");
    await memberRow(page, "Ana").getByRole("button", { name: "New code for Ana" }).click();
    await done(page, "New code for Ana: the old one no longer works.");
    expect(((await anaCode.textContent()) ?? "").trim()).not.toBe(codes.get("Ana"));
    await memberRow(page, "Ben").getByRole("button", { name: "Remove Ben from the class" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Remove Ben from the class?" });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await noBlockingAxe(page, "remove a member");
    await confirm.getByRole("button", { name: "Remove", exact: true }).click();
    await done(page, "Ben was removed from the class.");
    expect(await memberRow(page, "Ben").count()).toBe(0);

    // Group A locked now: its document says the lock is the group's and offers no "Unlock" of
    // its own, which could not lift it (a regression); unlocking the group makes it writable.
    const lockA = groupA.getByTestId("group-lock");
    const volcano = page.locator("li.class-doc", { hasText: "Volcano report" });
    await volcano.getByRole("button", { name: "Unlock Volcano report" }).click();
    await done(page, "“Volcano report” is unlocked");
    await lockA.getByRole("button", { name: "Lock now: all documents of Group A" }).click();
    await done(page, "Every document of “Group A” is locked");
    await volcano.getByTestId("doc-lock-state").getByText("Locked with its group “Group A”").waitFor();
    expect(await volcano.getByRole("button", { name: "Unlock Volcano report" }).count()).toBe(0);
    await lockA.getByRole("button", { name: "Unlock: all documents of Group A" }).click();
    await done(page, "“Group A” is unlocked");
    await volcano.getByRole("button", { name: "Lock now: Volcano report" }).waitFor();

    // A whole group's documents locked at a due time (the relay test checks the sockets), then unlocked.
    await lockA.getByLabel("Due time", { exact: true }).fill("2099-06-01T09:00");
    await lockA.getByRole("button", { name: "Lock at due time: all documents of Group A" }).click();
    await done(page, "Every document of “Group A” will lock at");
    expect(await lockA.getByTestId("group-lock-state").textContent()).toMatch(/^Locks at .*2099/);
    await noBlockingAxe(page, "group locked at a due time");
    await lockA.getByRole("button", { name: "Unlock: all documents of Group A" }).click();
    await done(page, "“Group A” is unlocked");
    expect(await lockA.getAttribute("data-locked")).toBe("false");

    // A read-only link for Ana's parents (the relay test checks what its token may do), then revoked.
    await page.getByLabel("Document", { exact: true }).selectOption({ label: "Volcano report" });
    await page.getByLabel("For whom", { exact: true }).fill("Ana's parents");
    await page.getByRole("button", { name: "Make a read-only link" }).click();
    await done(page, "Read-only link for Ana's parents made");
    const shareUrl = await page.getByTestId("share-url").inputValue();
    expect(shareUrl).toMatch(/\/share#[A-Za-z0-9_-]{43}$/);
    const shareLinks = page.getByTestId("share-links");
    await shareLinks.getByText("Volcano report").waitFor();
    await noBlockingAxe(page, "read-only links");
    // The parents open it on their own device: Ana's text, read-only, the secret out of the address bar.
    const parents = await classroom.student("Ana's parents");
    await parents.page.goto(shareUrl);
    await parents.page.locator('[data-testid="shared-doc"][data-state="synced"]').getByText("Lava is molten rock.").waitFor({ timeout: WAIT_MS });
    expect(parents.page.url()).toMatch(/\/share$/);
    await noBlockingAxe(parents.page, "a read-only share link");
    await shareLinks.getByRole("button", { name: "Revoke: the link for Ana's parents" }).click();
    await done(page, "The link for Ana's parents no longer works.");
    await shareLinks.waitFor({ state: "detached" });
    await parents.page.getByRole("alert").filter({ hasText: "This link was revoked" }).waitFor({ timeout: 5_000 });
    await parents.page.reload();
    await parents.page.getByRole("alert").filter({ hasText: "This link does not work" }).waitFor({ timeout: WAIT_MS });
    // One long story (two teachers, three students, a phone): over the e2e default on a busy box.
  }, 180_000);
});
