/**
 * @module device-tabs
 * Looking at one device from the inside, for tests of several tabs on it: the rows a
 * document's device copy holds in IndexedDB (shared by every tab of the browser context) and
 * the Yjs updates a tab sends to the relay.
 */
import type { Page } from "playwright-core";
import { MuxChannels, isMuxUrl } from "./mux-frames.ts";

/**
 * Rows in the `updates` store of the device copy of document `docId` (the database whose name
 * is `<workspace>/<docId>`, or `…#<deviceKey>` on a shared computer). Read through `page`, so
 * it sees what every tab of its context wrote.
 */
export function deviceRows(page: Page, docId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.split("#")[0]?.endsWith(`/${id}`));
    if (names.length !== 1) throw new Error(`expected one device copy of ${id}, found ${JSON.stringify(names)}`);
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(names[0] as string);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        // A read transaction queues behind every write already issued to the store.
        const count = db.transaction("updates", "readonly").objectStore("updates").count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => reject(count.error);
      };
    });
  }, docId);
}

/** Polls the row count until it has not changed for `quietMs`; returns it. */
export async function settledDeviceRows(page: Page, docId: string, quietMs = 800): Promise<number> {
  let last = await deviceRows(page, docId);
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await deviceRows(page, docId);
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

/**
 * Counts the Yjs updates (sync message 0, sub-type 2: `[0, 2, …]`) `page` sends for document
 * `docId`, from now on: on its own socket, or on its channel of the `/mux` socket.
 */
export function countSentUpdates(page: Page, docId: string): { count(): number } {
  let count = 0;
  const isUpdate = (m: Uint8Array) => m[0] === 0 && m[1] === 2;
  page.on("websocket", (socket) => {
    if (isMuxUrl(socket.url())) {
      const channels = new MuxChannels();
      socket.on("framesent", ({ payload }) => {
        const frame = channels.sent(payload);
        if (frame?.kind === "data" && channels.docOf(frame.channel)?.endsWith(`/${docId}`) && isUpdate(frame.payload)) count++;
      });
      return;
    }
    if (!socket.url().includes(`/${docId}`)) return;
    socket.on("framesent", ({ payload }) => {
      if (typeof payload !== "string" && isUpdate(payload)) count++;
    });
  });
  return { count: () => count };
}

/**
 * Measures how long after the keydown of `char` in `from` the editor in `to` shows `char`
 * (both tabs share the browser's clock). Arm before typing; the result resolves once seen.
 */
export async function armTabLatency(from: Page, to: Page, char: string): Promise<() => Promise<number>> {
  await from.evaluate((c) => {
    const w = window as unknown as { quireTypedAt?: number };
    w.quireTypedAt = undefined;
    document.addEventListener(
      "keydown",
      (e) => {
        if (e.key === c) w.quireTypedAt ??= Date.now();
      },
      { capture: true },
    );
  }, char);
  await to.evaluate((c) => {
    const w = window as unknown as { quireSeenAt?: number };
    w.quireSeenAt = undefined;
    const editor = document.querySelector('[data-testid="editor"]');
    if (!editor) throw new Error("no editor");
    const observer = new MutationObserver(() => {
      if (editor.textContent?.includes(c)) {
        w.quireSeenAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(editor, { subtree: true, childList: true, characterData: true });
  }, char);
  return async () => {
    const typed = await from.evaluate(() => (window as unknown as { quireTypedAt?: number }).quireTypedAt);
    const seen = await to.evaluate(() => (window as unknown as { quireSeenAt?: number }).quireSeenAt);
    if (typed === undefined || seen === undefined) throw new Error(`latency of "${char}" not measured (typed ${typed}, seen ${seen})`);
    return seen - typed;
  };
}
