/**
 * Hostile content synced into a document is never executed when rendered, in real Chromium:
 * an editor with a modified client rewrites a link's URL to `javascript:…`, an image's source
 * to a non-image with an `onerror`-carrying alt text, and types raw HTML/script into the text.
 * Both the student who has the doc open (live update) and one who opens it later must see
 * inert text: no script runs, no dialog opens, no `javascript:` href, no `onerror` attribute.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, useChromium, useRelay, waitFor, WireClient } from "@quire/testkit";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../../apps/web/dist");
const ready = chromiumAvailable && existsSync(resolve(WEB_DIST, "index.html"));
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const RAW_HTML = `<img src=x onerror="window.__pwned='text'"><script>window.__pwned='script'</script>`;

const relay = useRelay({ env: { STATIC_DIR: WEB_DIST } });
const browser = useChromium({ skip: !ready });

/** A page that records any dialog (alert/confirm) as an execution. */
async function openPage(): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ baseURL: relay.httpUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs };
}

async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  const editor = page.getByTestId("editor");
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await editor.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await editor.locator("[onerror], script, iframe, object, embed").count()).toBe(0);
  expect(dialogs).toEqual([]);
}

describe.skipIf(!ready)("hostile synced content in real Chromium", () => {
  it("javascript: links, onerror attributes and raw HTML never execute", async () => {
    const ana = await openPage();
    await ana.page.goto("/");
    await ana.page.getByRole("tab", { name: "Start a new workspace" }).click();
    await ana.page.getByLabel("Workspace name").fill("Security class");
    await ana.page.getByLabel("Your name").fill("Ana");
    await ana.page.getByRole("button", { name: "Create workspace" }).click();
    await ana.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    await ana.page.getByRole("button", { name: "+ New document" }).click();
    await ana.page.waitForURL(/\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
    const [, workspaceId, docId] = /\/w\/(w[a-z0-9]{10})\/(d[a-z0-9]{10})$/.exec(new URL(ana.page.url()).pathname) ?? [];
    // A new document asks for its name first; Enter moves into the page.
    await ana.page.getByLabel("Document title").fill("Hostile content");
    await ana.page.getByLabel("Document title").press("Enter");
    const editor = ana.page.getByTestId("editor");
    await editor.click();
    await ana.page.keyboard.type("Link here", { delay: 5 });
    await ana.page.keyboard.press("Shift+Home");
    await ana.page.getByRole("button", { name: "Link" }).click();
    await ana.page.getByLabel("Link address").fill("example.org/safe");
    await ana.page.getByRole("button", { name: "Add link" }).click();
    await editor.locator('a[href="https://example.org/safe"]').waitFor();
    await ana.page.keyboard.press("End");
    await ana.page.keyboard.press("Enter");
    await ana.page.getByTestId("image-input").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: TINY_PNG });
    await editor.locator('img[src^="data:image/png;base64,"]').waitFor();
    await ana.page.locator('[data-testid="save-state"][data-relay="saved"]').waitFor();

    // Mallory, an editor of the workspace, writes through a modified client.
    const docName = `${workspaceId}/${docId}`;
    const mallory = new WireClient({ syncUrl: relay.syncUrl, docName, token: relay.token({ workspace: workspaceId as string, role: "editor", name: "Mallory" }) });
    try {
      await mallory.connect();
      await mallory.waitSynced();
      // Ana's last edits may still be on their way through the relay.
      const tree = () => mallory.doc.get("root-v2", Y.XmlElement).toString();
      await waitFor(() => tree().includes("__url=") && tree().includes("__src="), 30_000, "Ana's link and image reach Mallory").catch((error) => {
        throw new Error(`${String(error)}; Mallory (${docName}) sees roots ${JSON.stringify([...mallory.doc.share.keys()])}: ${tree().slice(0, 800)}`);
      });
      const changed = rewriteHostile(mallory.doc);
      expect(changed.links, "found the link to rewrite").toBeGreaterThan(0);
      expect(changed.images, "found the image to rewrite").toBeGreaterThan(0);
      expect(changed.texts, "found text to append to").toBeGreaterThan(0);
      await waitFor(() => mallory.online, 5_000, "mallory still connected");
    } finally {
      await new Promise((r) => setTimeout(r, 500));
      mallory.destroy();
    }

    // Ana had the doc open: the hostile update arrives live.
    await editor.getByText("onerror", { exact: false }).first().waitFor();
    // The rewritten link did reach the renderer (its safe URL is gone)…
    await waitFor(async () => (await editor.locator('a[href="https://example.org/safe"]').count()) === 0, 30_000, "link rewritten");
    // …and whatever href it got, it is not executable.
    await expectInert(ana.page, ana.dialogs);
    await editor.locator("a", { hasText: "Link here" }).first().click({ modifiers: ["Control"] }).catch(() => undefined);
    await expectInert(ana.page, ana.dialogs);

    // Ben joins afterwards and opens the doc: the hostile content comes from the relay.
    const code = await inviteCode(ana.page);
    const ben = await openPage();
    await ben.page.goto("/");
    await ben.page.getByRole("tab", { name: "Join with a code" }).click();
    await ben.page.getByLabel("Join code").fill(code);
    await ben.page.getByLabel("Your name").fill("Ben");
    await ben.page.getByRole("button", { name: "Join workspace" }).click();
    await ben.page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
    await ben.page.goto(new URL(ana.page.url()).pathname);
    const benEditor = ben.page.getByTestId("editor");
    await benEditor.getByText("onerror", { exact: false }).first().waitFor();
    await benEditor.locator("a", { hasText: "Link here" }).first().click({ modifiers: ["Control"] }).catch(() => undefined);
    await expectInert(ben.page, ben.dialogs);
  });
});

async function inviteCode(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Invite" }).click();
  const code = (await page.getByTestId("join-code-editor").innerText()).trim();
  await page.getByRole("button", { name: "Done" }).click();
  return code;
}

/**
 * Rewrites every link URL and image source/alt and appends raw HTML to the text, as a modified
 * client could. The web app uses @lexical/yjs's V2 binding: a `root-v2` XmlElement tree whose
 * elements carry node properties as attributes (`__url`, `__src`, `__altText`) and whose text
 * lives in XmlText children.
 */
function rewriteHostile(doc: Y.Doc): { links: number; images: number; texts: number } {
  const counts = { links: 0, images: 0, texts: 0 };
  const visit = (element: Y.XmlElement): void => {
    if (element.getAttribute("__url") !== undefined) {
      element.setAttribute("__url", "javascript:window.__pwned='link';alert('link')");
      counts.links++;
    }
    if (element.getAttribute("__src") !== undefined) {
      element.setAttribute("__src", "javascript:alert('img')");
      element.setAttribute("__altText", `"><img src=x onerror="window.__pwned='alt';alert('alt')">`);
      counts.images++;
    }
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlElement) visit(child);
      else if (child instanceof Y.XmlText && counts.texts === 0) {
        child.insert(child.length, RAW_HTML);
        counts.texts++;
      }
    }
  };
  doc.transact(() => visit(doc.get("root-v2", Y.XmlElement)));
  return counts;
}
