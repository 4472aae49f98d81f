/**
 * @module student
 * One student at one browser: their own browser context (own IndexedDB, service worker and
 * network switch) and the actions they take in the app, through the UI only.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { contextOptions, DESKTOP, type Screen } from "@quire/testkit";

/** Generous on purpose: 2 shared cores run several agents' builds and browsers at once. */
export const WAIT_MS = 30_000;

/** A 1×1 PNG picture. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export class Student {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, name: string, screen: Screen = DESKTOP): Promise<Student> {
    const context = await browser.newContext({ ...contextOptions(screen), baseURL: baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on("pageerror", (error) => console.error(`[${name} page error]`, error));
    page.on("console", (message) => {
      if (message.text().startsWith("[quire")) console.warn(`[${name} console]`, message.text());
    });
    return new Student(name, context, page, baseUrl);
  }

  get editor(): Locator {
    return this.page.getByTestId("editor");
  }

  async createWorkspace(workspaceName: string): Promise<void> {
    await this.page.goto("/");
    await this.page.getByRole("tab", { name: "Start a new workspace" }).click();
    await this.page.getByLabel("Workspace name").fill(workspaceName);
    await this.page.getByLabel("Your name").fill(this.name);
    await this.page.getByRole("button", { name: "Create workspace" }).click();
    await this.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
  }

  /** The owner's "can edit" join code, read from the Invite box. */
  async editorJoinCode(): Promise<string> {
    await this.page.getByRole("button", { name: "Invite" }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
    const code = (await this.page.getByTestId("join-code-editor").innerText()).trim();
    await this.page.getByRole("button", { name: "Done" }).click();
    return code;
  }

  /** The workspace's storage figure as the owner sees it in the Invite box (read fresh). */
  async storageUsage(): Promise<{ usedBytes: number; quotaBytes: number | null; text: string }> {
    await this.page.getByRole("button", { name: "Invite" }).click();
    const figure = this.page.locator('[data-testid="storage-usage"][data-state="ok"]');
    await figure.waitFor();
    const quota = await figure.getAttribute("data-quota-bytes");
    const usage = {
      usedBytes: Number(await figure.getAttribute("data-used-bytes")),
      quotaBytes: quota ? Number(quota) : null,
      // biome-ignore lint/performance/useDomNodeTextContent: what the owner sees
      text: await figure.innerText(),
    };
    await this.page.getByRole("button", { name: "Done" }).click();
    return usage;
  }

  async join(code: string): Promise<void> {
    await this.page.goto("/");
    await this.page.getByRole("tab", { name: "Join with a code" }).click();
    await this.page.getByLabel("Join code").fill(code);
    await this.page.getByLabel("Your name").fill(this.name);
    await this.page.getByRole("button", { name: "Join workspace" }).click();
    await this.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
  }

  /** Creates a document, names it, and leaves the caret in the (empty) page. */
  async newDocument(title: string): Promise<string> {
    const create = this.page.getByRole("button", { name: "+ New document" });
    await this.showDocuments();
    try {
      await create.click({ timeout: 10_000 });
    } catch {
      // Once in CI the phone's drawer was shut again by the time of the click (its list had
      // shown): open it once more rather than wait out the whole timeout.
      await this.showDocuments();
      await create.click();
    }
    await this.page.waitForURL(/\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
    const titleInput = this.page.getByLabel("Document title");
    await titleInput.fill(title);
    await titleInput.press("Enter");
    // Attached, not visible: on a phone the list is a closed drawer by now.
    await this.sidebarItem(title).waitFor({ state: "attached" });
    return new URL(this.page.url()).pathname;
  }

  /** The button that opens the document drawer; shown only on narrow screens. */
  get documentsToggle(): Locator {
    return this.page.getByRole("button", { name: "Documents", exact: true });
  }

  /** On a narrow screen the document list is a drawer: opens it if it is closed. */
  async showDocuments(): Promise<void> {
    const toggle = this.documentsToggle;
    const list = this.page.getByRole("navigation", { name: "Documents" });
    // The workspace screen first: while it is still opening there is neither a toggle nor a
    // list, and a missing toggle would read as a wide screen.
    await this.page.locator(".topbar").waitFor();
    // Re-checked until the list shows: on a loaded machine the drawer a previous step closed
    // (opening a document closes it) can still be on its way shut when this runs, and one
    // read of aria-expanded then leaves the list closed for good (seen once in CI).
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      if (!(await toggle.isVisible())) return;
      if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
      try {
        await list.waitFor({ timeout: 2_000 });
        return;
      } catch {
        // Not open yet: look again.
      }
    }
    await list.waitFor();
  }

  sidebarItem(title: string): Locator {
    return this.page.getByTestId("doc-list").locator(".doc-title", { hasText: title });
  }

  async openFromSidebar(title: string): Promise<void> {
    await this.showDocuments();
    await this.sidebarItem(title).click();
    await this.editor.waitFor();
  }

  /** Puts the caret at the end of the document. */
  async caretAtEnd(): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press("Control+End");
  }

  /** Puts the caret at the end of the first paragraph containing `text`. */
  async caretAfter(text: string): Promise<void> {
    await this.editor.locator("p", { hasText: text }).first().click();
    await this.page.keyboard.press("End");
  }

  /** Selects the first occurrence of `word` in the document, as a drag of the mouse would. */
  async selectText(word: string): Promise<void> {
    await this.editor.click();
    const found = await this.editor.evaluate((root, target) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return true;
      }
      return false;
    }, word);
    if (!found) throw new Error(`${this.name}: "${word}" is not in the document`);
    // Lexical reads the DOM selection on selectionchange; wait until it took it.
    await this.page.waitForFunction((w) => window.getSelection()?.toString() === w, word);
  }

  /** Links the selected text to `address` (no scheme: the app adds https://) through the Link dialog. */
  async linkSelection(address: string): Promise<void> {
    await this.page.getByRole("button", { name: "Link" }).click();
    await this.page.getByLabel("Link address").fill(address);
    await this.page.getByRole("button", { name: "Add link" }).click();
    await this.editor.locator(`a[href="https://${address}"]`).waitFor();
  }

  /** Starts a new paragraph after the document's last one. */
  async newLineAtEnd(): Promise<void> {
    await this.caretAtEnd();
    await this.page.keyboard.press("End");
    await this.page.keyboard.press("Enter");
  }

  /** Inserts a table at the caret (the caret lands in its first cell). */
  async insertTable(): Promise<void> {
    await this.page.getByRole("button", { name: "Insert table" }).click();
    await this.editor.locator("table").waitFor();
  }

  /** Inserts a PNG picture at the caret through the picture button's file input. */
  async insertPicture(bytes: Buffer = TINY_PNG, name = "dot.png"): Promise<Locator> {
    await this.page.getByTestId("image-input").setInputFiles({ name, mimeType: "image/png", buffer: bytes });
    const picture = this.editor.locator('img[src^="data:image/png;base64,"]');
    await picture.first().waitFor();
    return picture;
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async text(): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
    return (await this.editor.innerText()).replace(/\u00a0/g, " ");
  }

  /** Waits until the document shows every one of `parts`. */
  async waitForText(parts: string[], timeoutMs = WAIT_MS): Promise<void> {
    await waitUntil(async () => {
      const text = await this.text();
      return parts.every((p) => text.includes(p));
    }, timeoutMs, () => `${this.name}'s document to contain ${JSON.stringify(parts)}; it shows ${JSON.stringify(this.lastText)}`, this);
  }

  lastText = "";

  async saveState(): Promise<{ relay: string | null; device: string | null; pending: number; text: string }> {
    const el = this.page.getByTestId("save-state");
    return {
      relay: await el.getAttribute("data-relay"),
      device: await el.getAttribute("data-device"),
      pending: Number(await el.getAttribute("data-pending")),
      // biome-ignore lint/performance/useDomNodeTextContent: what the student sees, paragraph breaks included
      text: await el.innerText(),
    };
  }

  async waitForRelaySaved(): Promise<void> {
    await this.page.locator('[data-testid="save-state"][data-relay="saved"]').waitFor();
  }

  async waitForConnection(state: "online" | "offline" | "connecting"): Promise<void> {
    await this.page.locator(`[data-testid="connection"][data-state="${state}"]`).waitFor();
  }

  /**
   * Waits until the service worker finished installing (the whole app shell is precached: a
   * worker only activates after its install, i.e. its precache, succeeded) and controls the page.
   */
  async waitForServiceWorker(): Promise<void> {
    await waitUntil(
      () =>
        this.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active?.state === "activated" && navigator.serviceWorker.controller !== null;
        }),
      WAIT_MS,
      () => `${this.name}'s service worker to activate and control the page`,
    );
  }

  /**
   * Chooses the interface language on this device the way the picker remembers it
   * (localStorage `quire.language`, set before any page script runs) and reloads the page.
   * Labels then change language: the English helpers above only work in "en".
   */
  async chooseLanguage(code: string): Promise<void> {
    await this.context.addInitScript((lang) => localStorage.setItem("quire.language", lang), code);
    await this.page.reload();
  }

  async setOffline(offline: boolean): Promise<void> {
    await this.context.setOffline(offline);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Polls `condition` until true; the failure message is built lazily. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: () => string,
  student?: Student,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    if (student) student.lastText = await student.text().catch(() => "(no editor)");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
}
