/**
 * @module screen-titles
 * What a screen says a document is called — the big title field and every sidebar line — and
 * a way to hold a page's workspace index back, so a test can act before the index has loaded
 * (issue 10 item 1, reliability T1). Works on any Page, a second tab of a student included.
 */
import type { Page, WebSocketRoute } from "playwright-core";
import { WAIT_MS } from "./student.ts";
import { MuxChannels, decode, isMuxUrl } from "./mux-frames.ts";

/** What one screen shows: the open document's title field (null: none open) and the sidebar lines. */
export interface ShownTitles {
  field: string | null;
  sidebar: string[];
  /** "edited … by <name>" of each sidebar line, in the same order. */
  meta: string[];
}

export async function shownTitles(page: Page): Promise<ShownTitles> {
  const field = page.getByLabel("Document title");
  const list = page.getByTestId("doc-list");
  return {
    field: (await field.count()) > 0 ? await field.inputValue() : null,
    sidebar: (await list.count()) > 0 ? await list.locator(".doc-title").allTextContents() : [],
    meta: (await list.count()) > 0 ? await list.locator(".doc-meta").allTextContents() : [],
  };
}

/**
 * Holds back everything the relay sends on this page's workspace-index socket(s) — on the
 * `/mux` socket, the frames of its index channels — until `release()`; the page's own frames
 * still reach the relay. Sockets opened after `release()` pass untouched. Registered on the
 * context, so reloads and new tabs are held too. `sockets()` counts index sockets/channels held.
 */
export async function holdIndexSocket(page: Page): Promise<{ release(): void; sockets(): number }> {
  let held = true;
  let indexes = 0;
  const routes: { route: WebSocketRoute; queue: (string | Buffer)[] }[] = [];
  const isIndex = (docName: string | undefined) => docName !== undefined && /^w[a-z0-9]{10}\/index(\/|$)/.test(docName);
  await page.context().routeWebSocket(/\/sync\/w[a-z0-9]{10}\/index(\?|$)|\/mux(\?|$)/, (route) => {
    const server = route.connectToServer();
    const entry = { route, queue: [] as (string | Buffer)[] };
    routes.push(entry);
    if (!isMuxUrl(route.url())) {
      indexes++;
      server.onMessage((message) => {
        if (held) entry.queue.push(message);
        else route.send(message);
      });
      return;
    }
    const channels = new MuxChannels();
    route.onMessage((message) => {
      const frame = channels.sent(message);
      if (frame?.kind === "open" && held && isIndex(frame.docName)) indexes++;
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = decode(message);
      const toIndex = frame !== null && isIndex(channels.docOf(frame.channel));
      // Channels are independent streams: holding only the index channels keeps each one's order.
      if (held && toIndex) entry.queue.push(message);
      else route.send(message);
    });
  });
  return {
    release() {
      held = false;
      for (const { route, queue } of routes) {
        for (const message of queue) route.send(message);
        queue.length = 0;
      }
    },
    sockets: () => indexes,
  };
}

/**
 * Polls for `ms` and throws as soon as `check` reports a problem: for "nothing overwrites
 * this", which cannot be awaited as an event. Returns the last state seen.
 */
export async function staysTrue<T>(ms: number, read: () => Promise<T>, problem: (value: T) => string | null): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  for (;;) {
    const found = problem(value);
    if (found !== null) throw new Error(found);
    if (Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
}

/** Waits until `page` shows `title` in its title field (when a doc is open) and its sidebar. */
export async function waitForTitleShown(page: Page, title: string, field: boolean): Promise<void> {
  await page.getByTestId("doc-list").locator(".doc-title", { hasText: title }).first().waitFor({ timeout: WAIT_MS });
  if (field) {
    await page.waitForFunction(
      (t) => (document.querySelector('input[aria-label="Document title"]') as HTMLInputElement | null)?.value === t,
      title,
      { timeout: WAIT_MS },
    );
  }
}
