/**
 * @module app-editor
 * The real web app (apps/web/dist served by a real relay) in real Chromium, as the editor
 * benchmarks (editor, editor-cheap, class) drive it: one relay + one browser per benchmark,
 * a document created through the app's own UI (workspace → new document → plain-text paste,
 * until the relay confirms it saved), and the paragraph texts as the page shows them.
 * Chromium is launched here and nowhere else in the editor benchmarks.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, RelayProcess } from "@quire/testkit";
import type { Browser, Page } from "playwright-core";
import type { ServerUnderTest } from "./ServerUnderTest.ts";

/**
 * The built app. QUIRE_BENCH_WEB_DIST points at another build, e.g. an unminified one
 * (`vite build --minify false --outDir …`) so a profile names the functions, or a build
 * without a fix to measure "before".
 */
export const WEB_DIST = process.env.QUIRE_BENCH_WEB_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../apps/web/dist");
/** Generous: 2 shared cores, a throttled page; no figure depends on it. */
export const WAIT_MS = 180_000;

/** Paragraph texts of the editor, in order ("" for an empty paragraph). */
export const PARAGRAPHS = `Array.from(document.querySelector('[data-testid="editor"]')?.children ?? []).map((p) => p.textContent ?? "")`;

/** Why the editor benchmarks cannot run, or null when the built app is there. */
export function appMissing(): string | null {
  return existsSync(resolve(WEB_DIST, "index.html")) ? null : `not run: ${WEB_DIST} has no built app (pnpm --filter @quire/web build)`;
}

export interface AppSession {
  relay: RelayProcess;
  browser: Browser;
  close(): Promise<void>;
}

/** A relay serving the built app, and one Chromium. */
export async function openApp(): Promise<AppSession> {
  const relay = await RelayProcess.start({ env: { STATIC_DIR: WEB_DIST } });
  try {
    const browser = await launchChromium();
    return {
      relay,
      browser,
      async close() {
        await browser.close();
        await relay.stop({ removeData: true });
      },
    };
  } catch (error) {
    await relay.stop({ removeData: true });
    throw error;
  }
}

/** The relay as the bench's SyncClient expects a server (y-websocket framing, editor tokens). */
export function relayAsServer(relay: RelayProcess, name = "collaborator"): ServerUnderTest {
  return {
    kind: "quire",
    label: "Quire relay",
    framing: "y-websocket",
    dataDir: relay.dataDir,
    pid: () => relay.pid ?? -1,
    urlFor: (doc) => `${relay.syncUrl}/${doc}`,
    tokenFor: (doc) => relay.token({ doc, role: "editor", name }),
    docsLoaded: async () => (await relay.healthz()).docsLoaded,
    restart: () => relay.restart(),
    stop: () => relay.stop(),
  };
}

/** "/w/<workspace>/<doc>" → the relay's doc name "<workspace>/<doc>". */
export function docNameOf(docPath: string): string {
  const [, , workspaceId, docId] = docPath.split("/");
  return `${workspaceId}/${docId}`;
}

/** Creates a workspace and a document through the UI and pastes `text`; returns its path. */
export async function createDocWithText(page: Page, text: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("tab", { name: "Start a new workspace" }).click();
  await page.getByLabel("Workspace name").fill("Benchmark");
  await page.getByLabel("Your name").fill("Author");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/w\/w[a-z0-9]{10}$/);
  await page.getByRole("button", { name: "+ New document" }).click();
  await page.waitForURL(/\/w\/w[a-z0-9]{10}\/d[a-z0-9]{10}$/);
  await page.getByTestId("editor").click();
  // A plain-text paste: Lexical turns each line into a paragraph, as when a student pastes.
  await page.evaluate((value) => {
    const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
    if (!editor) throw new Error("no editor");
    editor.focus();
    const data = new DataTransfer();
    data.setData("text/plain", value);
    editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await waitForParagraphs(page, text.split("\n"));
  await page.locator('[data-testid="save-state"][data-relay="saved"]').waitFor({ timeout: WAIT_MS });
  return new URL(page.url()).pathname;
}

export async function waitForParagraphs(page: Page, expected: string[]): Promise<void> {
  // A function, not a string: Playwright evaluates a string predicate with eval in the page,
  // which the app's Content-Security-Policy (script-src 'self') refuses.
  await page.waitForFunction(
    (count) => {
      const e = document.querySelector<HTMLElement>('[data-testid="editor"]');
      return !!e && e.isContentEditable && e.children.length === count;
    },
    expected.length,
    { timeout: WAIT_MS, polling: 20 },
  );
  const shown = (await page.evaluate(PARAGRAPHS)) as string[];
  if (shown.join("\n") !== expected.join("\n")) throw new Error("the editor shows different text than expected");
}

/** Reload → the whole doc rendered and editable. */
export async function timeToEditable(page: Page, expected: string[]): Promise<number> {
  const t0 = performance.now();
  await page.reload();
  await waitForParagraphs(page, expected);
  return performance.now() - t0;
}
