/**
 * Issue 13 in the student's app, in real Chromium against a real relay process: she only
 * syncs and lists her group's documents; removed (online, or while offline with unsent
 * edits) she is told, keeps her copy and can export it; a lock makes her editor read-only
 * with a notice; eight days offline (her token expired meanwhile: signed in the past, as the
 * relay's refresh tests do) she syncs without joining again. The teacher works in her own
 * browser and through the relay's HTTP API (the dashboard's calls).
 */
import { readFile } from "node:fs/promises";
import { PHONE } from "@quire/testkit";
import { describe, expect, it } from "vitest";
import { classOf, openAs, openDocId, storedMembership } from "./support/class-setup.ts";
import { useClassroom } from "./support/classroom.ts";
import { decode, isMuxUrl } from "./support/mux-frames.ts";
import type { Student } from "./support/student.ts";

const DAY_S = 24 * 3600;

describe("the student's app under class rules", () => {
  const classroom = useClassroom();

  /** Ms Lee's class: "Group A essay" in group A, "Group B plan" in group B; Ana in group A. */
  async function classWithAna(screen?: typeof PHONE) {
    const teacher = await classroom.student("Ms Lee");
    await teacher.createWorkspace("Class 7B");
    await teacher.newDocument("Group A essay");
    await teacher.type("Our essay starts here.");
    const docA = openDocId(teacher);
    await teacher.waitForRelaySaved();
    await teacher.newDocument("Group B plan");
    await teacher.type("Group B secret plan.");
    const docB = openDocId(teacher);
    await teacher.waitForRelaySaved();
    const klass = await classOf(classroom.relay, teacher);
    const groupA = await klass.group("A");
    const groupB = await klass.group("B");
    await klass.as("PATCH", `/documents/${docA}`, { groupId: groupA });
    await klass.as("PATCH", `/documents/${docB}`, { groupId: groupB });
    const { id: anaId, membership } = await klass.student("Ana", [groupA]);
    const ana = await classroom.student("Ana", screen);
    const sockets: string[] = [];
    // Every byte the relay sent her, to look for other groups' titles in.
    const frames: Buffer[] = [];
    ana.page.on("websocket", (ws) => {
      // A document's own socket, or its channel on the one `/mux` socket (issue 17).
      if (!isMuxUrl(ws.url())) sockets.push(ws.url());
      else
        ws.on("framesent", ({ payload }) => {
          const frame = decode(payload);
          if (frame?.kind === "open") sockets.push(`mux:${frame.docName}`);
        });
      ws.on("framereceived", ({ payload }) => frames.push(typeof payload === "string" ? Buffer.from(payload) : payload));
    });
    await openAs(ana, membership);
    await ana.openFromSidebar("Group A essay");
    await ana.waitForText(["Our essay starts here."]);
    return { teacher, klass, ana, anaId, docA, docB, sockets, frames, membership };
  }

  const notice = (student: Student) => student.page.getByTestId("doc-access-notice");
  const editable = (student: Student) => student.page.locator('.editor-input[contenteditable="true"]');

  it("a group A student never opens a socket for a group B document, and her device never receives its title", async () => {
    const { ana, docA, docB, sockets, frames } = await classWithAna();
    await ana.page.locator('[data-testid="background-sync"][data-pending="0"]').waitFor();
    await ana.showDocuments();
    await expect(ana.sidebarItem("Group A essay").count()).resolves.toBe(1);
    expect(await ana.sidebarItem("Group B plan").count()).toBe(0);
    expect(sockets.some((url) => url.includes(docA))).toBe(true);
    expect(sockets.filter((url) => url.includes(docB))).toEqual([]);
    // The class's list is split by group (issue 13): B's title is in nothing she received...
    const received = Buffer.concat(frames);
    expect(received.includes("Group A essay")).toBe(true);
    expect(received.includes("Group B plan")).toBe(false);
    // ...nor in anything her device stored.
    expect(await deviceHolds(ana, "Group A essay")).toBe(true);
    expect(await deviceHolds(ana, "Group B plan")).toBe(false);
  });

  it("the same student signed in on two browser profiles is one entry in presence and on the dashboard", async () => {
    const { teacher, klass, ana, anaId } = await classWithAna();
    const { membership } = await klass.studentAgain(anaId);
    const phone = await classroom.student("Ana's phone", PHONE);
    await openAs(phone, membership);
    await phone.openFromSidebar("Group A essay");
    await teacher.openFromSidebar("Group A essay");
    // Both of her devices are in the document: each one's words reach the teacher.
    await ana.caretAtEnd();
    await ana.type(" From the laptop.");
    await phone.caretAtEnd();
    await phone.type(" From the phone.");
    await teacher.waitForText(["From the laptop.", "From the phone."]);
    const present = teacher.page.locator('[data-testid="presence"] .avatar');
    await teacher.page.locator('[data-testid="presence"] [data-name="Ana"]').waitFor();
    await expect.poll(() => present.count(), { timeout: 10_000 }).toBe(2); // Ms Lee and Ana, once
    expect(await teacher.page.locator('[data-testid="presence"] [data-name="Ana"]').count()).toBe(1);
    // On her laptop her phone is "you", not a second person.
    await expect.poll(() => ana.page.locator('[data-testid="presence"] .avatar').count(), { timeout: 10_000 }).toBe(2);
    // The dashboard's roster: one Ana, online (two sockets or more, one member).
    const members = (await klass.as("GET", "/members")).members as { id: string; name: string; online: number }[];
    expect(members.filter((m) => m.name === "Ana")).toEqual([expect.objectContaining({ id: anaId })]);
    expect(members.find((m) => m.id === anaId)?.online).toBeGreaterThan(1);
  });

  it("removed while online (on a phone): she is told within seconds and exports her copy as Markdown", async () => {
    const { ana, klass, anaId } = await classWithAna(PHONE);
    await ana.caretAtEnd();
    await ana.type(" Ana's paragraph.");
    await ana.waitForRelaySaved();
    const removedAt = Date.now();
    await klass.as("DELETE", `/members/${anaId}`);
    const banner = ana.page.getByTestId("removed-notice");
    await banner.waitFor({ timeout: 10_000 });
    expect(Date.now() - removedAt).toBeLessThan(10_000);
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
    await expect(banner.innerText()).resolves.toContain("You were removed from this class.");
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("removed");
    expect(await editable(ana).count()).toBe(0);
    // Her copy, from this device, with no relay involved.
    const [download] = await Promise.all([ana.page.waitForEvent("download"), notice(ana).getByRole("button", { name: "Download my copy (Markdown)" }).click()]);
    expect(download.suggestedFilename()).toBe("Group A essay.md");
    expect(await readFile(await download.path(), "utf8")).toContain("Our essay starts here. Ana's paragraph.");
  });

  it("edits made offline, then removed: on reconnecting they are refused, she is told, her copy stays", async () => {
    const { ana, klass, anaId, teacher } = await classWithAna();
    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.type(" Written on the bus.");
    await klass.as("DELETE", `/members/${anaId}`);
    await ana.setOffline(false);
    await ana.page.getByTestId("removed-notice").waitFor();
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("removed");
    await ana.page.getByTestId("unsent-notice").waitFor();
    expect(await ana.text()).toContain("Our essay starts here. Written on the bus.");
    // Reloading keeps both the notice and the copy (nothing local is deleted).
    await ana.page.reload();
    await ana.page.getByTestId("removed-notice").waitFor();
    await ana.waitForText(["Our essay starts here. Written on the bus."]);
    // The relay never took them: the teacher's copy does not have them.
    await teacher.openFromSidebar("Group A essay");
    await teacher.waitForText(["Our essay starts here."]);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await teacher.text()).not.toContain("Written on the bus.");
  });

  it("a lock makes her editor read-only with the notice; edits she made offline are kept on the device, not sent", async () => {
    const { ana, klass, docA, teacher } = await classWithAna();
    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.type(" Written offline before the due time.");
    await klass.as("PATCH", `/documents/${docA}`, { locked: true });
    await ana.setOffline(false);
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("locked");
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
    await expect(notice(ana).innerText()).resolves.toContain("The teacher locked this document.");
    await editable(ana).waitFor({ state: "detached" });
    await ana.page.getByTestId("unsent-notice").waitFor();
    // A reload keeps it read-only (the relay's access answer) and her words on the device.
    await ana.page.reload();
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("locked");
    await ana.waitForText(["Our essay starts here. Written offline before the due time."]);
    expect(await editable(ana).count()).toBe(0);
    await teacher.openFromSidebar("Group A essay");
    await teacher.waitForText(["Our essay starts here."]);
    expect(await teacher.text()).not.toContain("Written offline");
    // Unlocked: writing comes back on the next load.
    await klass.as("PATCH", `/documents/${docA}`, { locked: false });
    await ana.page.reload();
    await editable(ana).waitFor();
    expect(await notice(ana).count()).toBe(0);
  });

  // The relay closes her socket at the first refused keystroke (4533), or, when the lock
  // reached her socket first, the app's access check does it: either way, read-only at once.
  // What the screen shows is what the device keeps: every letter she sees survives a reload,
  // none that is gone after it was shown. Her refused letters are said to stay on the device,
  // never "sending" (issue 13).
  it("a lock while she types: the editor turns read-only at once with the notice; what she sees is what her device keeps", async () => {
    const { ana, klass, docA } = await classWithAna();
    await klass.as("PATCH", `/documents/${docA}`, { locked: true });
    await ana.caretAtEnd();
    await ana.type(" Late words.");
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("locked");
    await editable(ana).waitFor({ state: "detached" });
    const state = await ana.saveState();
    expect(state.text).not.toMatch(/sending/i);
    if (state.pending > 0) {
      expect(state.relay).toBe("kept");
      expect(state.text).toMatch(/kept on this device, not sent/);
    }
    const shown = await ana.text();
    expect(shown).toContain("Our essay starts here.");
    await ana.page.reload();
    await ana.waitForText([shown]);
    expect(await ana.text()).toBe(shown);
    await expect(notice(ana).getAttribute("data-kind")).resolves.toBe("locked");
    expect(await editable(ana).count()).toBe(0);
  });

  // The race above, made certain: a keystroke in the same task as the editor turning
  // read-only (before React re-rendered the page). The browser used to insert it into the page
  // while Lexical, no longer editable, ignored it: shown, never stored, gone after a reload.
  it("a keystroke landing as the editor turns read-only is not shown unless it is kept", async () => {
    const { ana } = await classWithAna();
    await ana.caretAtEnd();
    await ana.page.evaluate(() => {
      const root = document.querySelector('[data-testid="editor"]') as (HTMLElement & { __lexicalEditor?: { setEditable(e: boolean): void } }) | null;
      if (!root?.__lexicalEditor) throw new Error("no Lexical editor on the page");
      root.__lexicalEditor.setEditable(false); // What EditablePlugin does when a lock lands.
      document.execCommand("insertText", false, "Z"); // The keystroke, before any re-render.
    });
    await ana.waitForRelaySaved();
    expect(await ana.text()).not.toContain("Z");
  });

  it("offline for eight days, token expired meanwhile: she syncs without joining again", async () => {
    const { ana, teacher, anaId, membership, klass } = await classWithAna();
    await ana.waitForServiceWorker();
    await ana.setOffline(true);
    await ana.waitForConnection("offline");
    await ana.caretAtEnd();
    await ana.type(" Written on the school trip.");
    // Eight days pass: the token she holds was signed eight days ago for a week (the relay's
    // refresh tests advance the clock the same way: a token signed in the past).
    const now = Math.floor(Date.now() / 1000);
    const old = classroom.relay.token({ workspace: klass.id, sub: anaId, name: "Ana", role: "editor", now: now - 8 * DAY_S, ttlSeconds: 7 * DAY_S });
    await ana.page.evaluate(
      ({ m, token, expiresAt }) => localStorage.setItem("quire.memberships.v1", JSON.stringify([{ ...m, token, expiresAt }])),
      { m: membership, token: old, expiresAt: (now - DAY_S) * 1000 },
    );
    await ana.page.reload(); // Offline: the service worker serves the app, IndexedDB her copy.
    await ana.waitForText(["Written on the school trip."]);
    await ana.setOffline(false);
    await ana.waitForRelaySaved();
    expect(new URL(ana.page.url()).pathname).toMatch(/^\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
    const refreshed = await storedMembership(ana);
    expect(refreshed.token).not.toBe(old);
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
    await teacher.openFromSidebar("Group A essay");
    await teacher.waitForText(["Our essay starts here. Written on the school trip."]);
  });
});

/** Whether any IndexedDB database of `student`'s origin holds `text` (as UTF-8 bytes or a string). */
async function deviceHolds(student: Student, text: string): Promise<boolean> {
  return student.page.evaluate(async (needle) => {
    const bytes = new TextEncoder().encode(needle);
    const has = (value: unknown): boolean => {
      if (typeof value === "string") return value.includes(needle);
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        const hay = value instanceof Uint8Array ? value : new Uint8Array(value);
        outer: for (let i = 0; i + bytes.length <= hay.length; i++) {
          for (let j = 0; j < bytes.length; j++) if (hay[i + j] !== bytes[j]) continue outer;
          return true;
        }
        return false;
      }
      if (value && typeof value === "object") return Object.values(value).some(has);
      return false;
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (values.some(has)) {
          db.close();
          return true;
        }
      }
      db.close();
    }
    return false;
  }, text);
}
