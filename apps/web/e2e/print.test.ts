/**
 * Printing (issue 10, item 8): printing a document prints the document — not the top bar, the
 * sidebar, the toolbar or the save state — all of it (nothing clipped by the app's scrolling
 * panes), in about as many pages as the text needs, with headings kept with the text after
 * them and table rows and pictures never cut in two.
 *
 * A long report (60 sections with tables and pictures, pasted in as a student would) is
 * printed to PDF by Chromium with the print media emulated; the pages are counted from the
 * PDF itself and compared with what the document's own height needs. Before the print
 * stylesheet the app chrome printed too and the page area was cut at the app's scroll pane.
 */
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";

const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const SECTIONS = 60;
/** Longer than one line of an A4 page: the on-screen title field is a one-line input. */
const TITLE = "The great rivers of Europe, Africa and Asia: where they rise, the countries they cross and the seas they reach";
/** A4 at CSS 96 dpi, less the print stylesheet's @page margins (16 mm top/bottom, 14 mm sides). */
const MM = 96 / 25.4;
const A4_HEIGHT_PX = 297 * MM;
const PAGE_CONTENT_PX = (297 - 32) * MM;
const PAGE_CONTENT_WIDTH_PX = Math.round((210 - 28) * MM);

function reportHtml(): string {
  const words = "The river carries sand from the mountains down to the delta, where it settles into new land.";
  let html = "";
  for (let i = 1; i <= SECTIONS; i++) {
    html += `<h2>Section ${i}</h2>`;
    for (let p = 0; p < 3; p++) html += `<p>Paragraph ${i}.${p}: ${words} ${words} ${words}</p>`;
    if (i % 6 === 0) {
      html += "<table><tr><th>River</th><th>Length</th></tr>";
      for (let r = 0; r < 4; r++) html += `<tr><td>River ${i}-${r}</td><td>${100 * r} km</td></tr>`;
      html += "</table>";
    }
  }
  return html;
}

/** Pages in a PDF, counted from its page objects (Chromium writes no object streams). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

describe("printing a document", () => {
  const classroom = useClassroom();

  it("prints only the document, all of it, without splitting headings, rows or pictures", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Geography");
    await ana.newDocument(TITLE);
    await ana.caretAtEnd();
    await ana.editor.evaluate((editor, html) => {
      const transfer = new DataTransfer();
      transfer.setData("text/html", html);
      transfer.setData("text/plain", "report");
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, reportHtml());
    await ana.waitForText([`Paragraph ${SECTIONS}.2`]);
    // Three pictures, inserted the way the picture button inserts them.
    for (const section of [10, 30, 50]) {
      await ana.editor.locator("p", { hasText: `Paragraph ${section}.1:` }).click();
      await ana.page.keyboard.press("End");
      await ana.page.getByTestId("image-input").setInputFiles({ name: `map${section}.png`, mimeType: "image/png", buffer: Buffer.from(TINY_PNG, "base64") });
      await ana.editor.locator(`img[alt="map${section}"]`).waitFor();
    }
    await ana.editor.locator("img").evaluateAll((imgs) => {
      // A real map is big; a 1×1 picture would never meet a page break.
      for (const img of imgs) (img as HTMLImageElement).style.height = "300px";
    });
    expect(await ana.editor.locator("table").count()).toBe(SECTIONS / 6);
    await ana.waitForRelaySaved();

    // Lay the page out as the printer will: print media, at the width of an A4 page's text.
    await ana.page.emulateMedia({ media: "print" });
    await ana.page.setViewportSize({ width: PAGE_CONTENT_WIDTH_PX, height: 1000 });
    const layout = await ana.page.evaluate(() => {
      const shown = (selector: string) =>
        [...document.querySelectorAll<HTMLElement>(selector)].some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden");
      const style = (selector: string) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el) : null;
      };
      const editor = document.querySelector<HTMLElement>(".editor-input");
      // Any ancestor that clips or scrolls would cut the document at its own height.
      const clippers: string[] = [];
      for (let el = editor?.parentElement ?? null; el; el = el.parentElement) {
        const s = getComputedStyle(el);
        if (s.overflowY !== "visible" || s.overflowX !== "visible") clippers.push(`${el.tagName}.${el.className}`);
      }
      // The printed title: whichever title element is shown, whole (nothing scrolled away).
      const titles = [...document.querySelectorAll<HTMLElement>(".document-head *")].filter(
        (el) => el.getClientRects().length > 0 && /\S/.test(el instanceof HTMLInputElement ? el.value : (el.textContent ?? "")),
      );
      const title = titles[0];
      return {
        title: title
          ? {
              text: title instanceof HTMLInputElement ? title.value : title.textContent,
              whole: title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight + 1,
            }
          : null,
        chrome: {
          topbar: shown(".topbar"),
          sidebar: shown(".sidebar"),
          toolbar: shown('[role="toolbar"]'),
          saveState: shown('[data-testid="save-state"]'),
        },
        clippers,
        contentHeight: editor?.getBoundingClientRect().height ?? 0,
        headingBreakAfter: style(".editor-input h2")?.breakAfter,
        rowBreakInside: style(".editor-input tr")?.breakInside,
        pictureBreakInside: style(".editor-input .editor-image")?.breakInside,
      };
    });
    const pdf = await ana.page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    const pages = pdfPageCount(pdf);
    // What the text needs at the printed width, plus room for breaks moved to keep headings,
    // rows and pictures whole — and no fewer, which would mean something was cut off.
    const needed = Math.ceil(layout.contentHeight / PAGE_CONTENT_PX);
    console.info(`[print] ${pages} A4 pages for ${Math.round(layout.contentHeight)} px of document (${needed} pages of text)`);

    expect(layout.title).toEqual({ text: TITLE, whole: true });
    expect(layout.chrome).toEqual({ topbar: false, sidebar: false, toolbar: false, saveState: false });
    expect(layout.clippers).toEqual([]);
    expect(layout.headingBreakAfter).toBe("avoid");
    expect(layout.rowBreakInside).toBe("avoid");
    expect(layout.pictureBreakInside).toBe("avoid");
    expect(pages).toBeGreaterThanOrEqual(needed);
    expect(pages).toBeLessThanOrEqual(Math.ceil(needed * 1.15) + 1);
    expect(layout.contentHeight).toBeGreaterThan(10 * A4_HEIGHT_PX);
  });
});
