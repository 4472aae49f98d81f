/**
 * Pictures by paste and drop (issue 10, item 7): a real `paste` and a real `drop` event, each
 * carrying a File in a DataTransfer, dispatched in Chromium on the page. The picture must reach
 * a classmate through the relay; a file that is too big or not a picture must be refused with
 * exactly the message the picture button gives for the same file.
 *
 * Before the fix both did nothing and said nothing (Lexical hands pasted and dropped files to
 * DRAG_DROP_PASTE, which no plugin handled).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

// A 1×1 PNG and a 1×1 GIF, and a "picture" just over the 1 MiB limit.
const RED_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
const HUGE_PNG = Buffer.concat([RED_PNG, Buffer.alloc(1024 * 1024 + 1)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

interface FileSpec {
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * Dispatches a paste or drop of `file` on the editor, the way the browser would. `html` is
 * what a browser's "Copy image" puts next to the file: an <img> pointing at the original.
 */
async function sendFile(page: Page, how: "paste" | "drop", file: FileSpec, html?: string): Promise<void> {
  await page.getByTestId("editor").evaluate(
    (editor, { how, name, type, base64, html }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      if (html !== undefined) transfer.setData("text/html", html);
      if (how === "paste") {
        editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
        return;
      }
      // A drag enters and moves over the page before it is dropped on the last paragraph.
      const target = editor.querySelector("p:last-of-type") ?? editor;
      const box = target.getBoundingClientRect();
      const at = { clientX: box.right - 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true, dataTransfer: transfer };
      target.dispatchEvent(new DragEvent("dragenter", at));
      target.dispatchEvent(new DragEvent("dragover", at));
      target.dispatchEvent(new DragEvent("drop", at));
    },
    { how, name: file.name, type: file.type, base64: file.bytes.toString("base64"), html },
  );
}

/** The message the picture button shows for `file` (then dismissed). */
async function buttonMessage(page: Page, file: FileSpec): Promise<string> {
  await page.getByTestId("image-input").setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
  const alert = page.getByRole("alert");
  // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
  const text = (await alert.innerText()).trim();
  await alert.getByRole("button", { name: "Close" }).click();
  await alert.waitFor({ state: "detached" });
  return text;
}

describe("pictures by paste and drop", () => {
  const classroom = useClassroom();

  it("inserts a pasted and a dropped picture for everyone, and refuses bad files with the button's message", async () => {
    const ana = await classroom.student("Ana");
    const ben = await classroom.student("Ben");
    await ana.createWorkspace("Art class");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Colours");
    await ana.caretAtEnd();
    await ana.type("Pasted below:");

    await sendFile(ana.page, "paste", { name: "red.png", type: "image/png", bytes: RED_PNG });
    await ana.editor.locator('img[src^="data:image/png;base64,"]').waitFor();
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Dropped here:");
    await sendFile(ana.page, "drop", { name: "white.gif", type: "image/gif", bytes: GIF });
    await ana.editor.locator('img[src^="data:image/gif;base64,"]').waitFor();
    // "Copy image" in a browser: the file plus HTML naming the original; the file is kept.
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.type("Copied from a web page:");
    await sendFile(ana.page, "paste", { name: "image.png", type: "image/png", bytes: RED_PNG }, '<meta charset="utf-8"><img src="https://example.org/red.png" alt="">');
    await ana.editor.locator('img[alt="image"]').waitFor();
    expect(await ana.editor.locator('img[src^="https:"]').count()).toBe(0);
    expect(await ana.editor.locator("img").count()).toBe(3);
    await ana.waitForRelaySaved();
    // Word and Excel put a picture *of* the copied text next to it: that stays a text paste.
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.editor.evaluate((editor, base64) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], "image.png", { type: "image/png" }));
      transfer.setData("text/plain", "Copied from a word processor.");
      transfer.setData("text/html", "<p>Copied from a word processor.</p>");
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, RED_PNG.toString("base64"));
    await ana.waitForText(["Copied from a word processor."]);
    expect(await ana.editor.locator("img").count()).toBe(3);

    await ben.join(code);
    await ben.openFromSidebar("Colours");
    await ben.waitForText(["Pasted below:", "Dropped here:", "Copied from a web page:"]);
    await ben.editor.locator('img[src^="data:image/png;base64,"][alt="red"]').waitFor();
    await ben.editor.locator('img[src^="data:image/gif;base64,"][alt="white"]').waitFor();
    await ben.editor.locator('img[src^="data:image/png;base64,"][alt="image"]').waitFor();

    // Refused files: the same words as the picture button, nothing inserted.
    const huge = { name: "holiday.png", type: "image/png", bytes: HUGE_PNG };
    const svg = { name: "drawing.svg", type: "image/svg+xml", bytes: SVG };
    for (const [how, file] of [
      ["paste", huge],
      ["drop", huge],
      ["paste", svg],
      ["drop", svg],
    ] as const) {
      const expected = await buttonMessage(ana.page, file);
      expect(expected).toContain(file.name);
      await sendFile(ana.page, how, file);
      const alert = ana.page.getByRole("alert");
      // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
      expect((await alert.innerText()).trim(), `${how} ${file.name}`).toBe(expected);
      await alert.getByRole("button", { name: "Close" }).click();
      await alert.waitFor({ state: "detached" });
    }
    expect(await ana.editor.locator("img").count()).toBe(3);
    expect(await ana.editor.locator('img[src^="data:image/svg"]').count()).toBe(0);
  });
});
