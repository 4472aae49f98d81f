// @vitest-environment jsdom
/**
 * Acceptance (issue 15): a document with every Quire node → DOCX (the app's own export) →
 * opened by LibreOffice in headless mode and converted to HTML keeps every heading, list item,
 * table cell, link and picture, and the text formats. LibreOffice is a second, independent
 * reader of our Word files (mammoth, our importer, is the first: docx-export.test.ts).
 *
 * Needs `soffice` (Debian's libreoffice-writer-nogui; .ci/run installs it). Without it the
 * test is skipped locally, but fails under CI=true so green CI always means it ran.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { EVERY_NODE_EXPECTED as E, everyNodeDoc } from "./every-node-document.ts";
import { exportDocument } from "./transfer.ts";

/** LibreOffice's cold start is ~3 s alone; a loaded 2-core box has taken 20 s. */
const CONVERT_TIMEOUT_MS = 90_000;

const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));
if (SOFFICE === undefined && process.env.CI === "true") throw new Error("soffice is missing: .ci/run installs libreoffice-writer-nogui");

/** Converts `docx` to HTML with a private profile (a shared one locks between runs). */
function convertToHtml(docx: Uint8Array): Promise<{ html: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "quire-lo-"));
  const input = join(dir, "report.docx");
  writeFileSync(input, docx);
  const args = [
    "--headless",
    "--norestore",
    `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
    "--convert-to",
    "html",
    "--outdir",
    join(dir, "out"),
    input,
  ];
  return new Promise((resolve, reject) => {
    execFile(SOFFICE as string, args, { timeout: CONVERT_TIMEOUT_MS, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      try {
        if (error) throw new Error(`soffice failed: ${error.message}\n${stdout}\n${stderr}`);
        const files = readdirSync(join(dir, "out"));
        resolve({ html: readFileSync(join(dir, "out", "report.html"), "utf8"), files });
      } catch (failure) {
        reject(failure);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

const norm = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

describe.skipIf(SOFFICE === undefined)("DOCX opened by LibreOffice (headless)", () => {
  it("keeps every heading, list item, table cell, link, picture and text format", { timeout: CONVERT_TIMEOUT_MS + 10_000 }, async () => {
    const out = await exportDocument(everyNodeDoc(), "Lab report", "docx", "en");
    const { html, files } = await convertToHtml(out.bytes);
    const page = new DOMParser().parseFromString(html, "text/html");
    const all = (selector: string) => [...page.querySelectorAll(selector)];

    expect(all("h1, h2, h3").map((h) => norm(h.textContent))).toEqual([...E.headings]);
    expect(all("h1").map((h) => norm(h.textContent))).toEqual([E.headings[0]]);
    expect(all("h3").map((h) => norm(h.textContent))).toEqual([E.headings[2]]);

    // Every item is a list item of its own (nested ones inside their parent's list).
    const items = all("li").map((li) => norm(li.firstChild?.textContent ?? li.textContent));
    for (const text of E.listItems) expect(items.some((item) => item.endsWith(text))).toBe(true);
    const nested = page.querySelector("li li li, ul ul ul, ol ol ol, ul ul li ul");
    expect(nested, "a third-level item").not.toBeNull();
    // A numbered list with a nested one stays one list (its third item is not a new list).
    const steps = all("body > ol").filter((ol) => norm(ol.textContent).includes("step one"));
    expect(steps).toHaveLength(1);
    expect(norm(steps[0]?.textContent)).toMatch(/step one.*step one point one.*step two/);
    expect(norm(page.body.textContent)).toMatch(/☑\s*buy flasks/);
    expect(norm(page.body.textContent)).toMatch(/☐\s*label flasks/);

    expect(all("td, th").map((cell) => norm(cell.textContent))).toEqual([...E.tableCells]);

    for (const link of E.links) {
      const anchor = all("a").find((a) => norm(a.textContent) === link.text);
      expect(anchor?.getAttribute("href"), link.text).toBe(link.url);
    }

    const pictures = all("img");
    expect(pictures).toHaveLength(1);
    // LibreOffice writes the picture as a file beside the page, with the alt text we gave it.
    expect(files).toContain(pictures[0]?.getAttribute("src"));
    expect(pictures[0]?.getAttribute("alt")).toBe(E.pictureAlt);

    const formatted = (tag: string, text: string) => all(tag).some((el) => norm(el.textContent) === text);
    expect(formatted("b, strong", E.marked.bold)).toBe(true);
    expect(formatted("i, em", E.marked.italic)).toBe(true);
    expect(formatted("u", E.marked.underline)).toBe(true);
    expect(formatted("strike, s, del", E.marked.strike)).toBe(true);
    const text = norm(page.body.textContent);
    for (const expected of [E.marked.code, E.codeBlock, E.quote]) expect(text).toContain(expected);
    const code = all("font[face]").find((el) => norm(el.textContent) === E.codeBlock);
    expect(code?.getAttribute("face")).toMatch(/Courier New/);
  });
});
