/**
 * Issue 15 items 3 and 4: export a document to Word, Markdown and a web page, print it to
 * PDF, download the whole workspace as a zip — all in the browser, also with the network
 * off — and import Word and Markdown files back as new documents with the same structure;
 * a hostile web page imports as a safe document with a report of what was left out, and
 * nothing in it runs.
 */
import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useClassroom } from "./support/classroom.ts";
import type { Student } from "./support/student.ts";


/** What the editor on screen holds, by structure (not by markup details). */
interface Structure {
  headings: string[];
  bold: string[];
  items: string[];
  checks: string[];
  links: string[];
  pictures: number;
}

function structure(page: Page): Promise<Structure> {
  return page.getByTestId("editor").evaluate((root) => {
    const texts = (selector: string) => [...root.querySelectorAll(selector)].map((el) => (el.textContent ?? "").trim()).filter((text) => text !== "");
    return {
      headings: texts("h1, h2, h3"),
      bold: texts("strong, b"),
      items: texts("li:not([role=checkbox])"),
      checks: [...root.querySelectorAll("li[role=checkbox]")].map((li) => `${li.getAttribute("aria-checked")}:${(li.textContent ?? "").trim()}`),
      links: [...root.querySelectorAll("a")].map((a) => `${(a.textContent ?? "").trim()} -> ${a.getAttribute("href")}`),
      pictures: root.querySelectorAll('img[src^="data:image/png;base64,"]').length,
    };
  });
}

/** Writes the sample document through the editor, as a student would. */
async function writeSample(ana: Student): Promise<void> {
  await ana.caretAtEnd();
  const k = ana.page.keyboard;
  await ana.type("# Results");
  await k.press("Enter");
  await ana.type("We saw ");
  await k.press("Control+b");
  await ana.type("strong words");
  await k.press("Control+b");
  await ana.type(" today.");
  await k.press("Enter");
  await ana.type("- first item");
  await k.press("Enter");
  await ana.type("second item");
  await k.press("Enter");
  await k.press("Enter");
  await ana.type("[ ] a task");
  await k.press("Enter");
  await k.press("Enter");
  await ana.type("Volcano page");
  await k.press("Shift+Home");
  await ana.linkSelection("example.org/volcano");
  await ana.newLineAtEnd();
  await ana.insertPicture();
}

/** Chooses a document menu entry and returns the downloaded file. */
async function exportAs(student: Student, entry: string): Promise<{ name: string; bytes: Buffer }> {
  await student.page.getByRole("button", { name: "Download or print" }).click();
  const [download] = await Promise.all([student.page.waitForEvent("download"), student.page.getByRole("button", { name: entry }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

async function importFile(student: Student, name: string, buffer: Buffer, mimeType: string): Promise<string> {
  const before = student.page.url();
  await student.page.getByTestId("import-file").setInputFiles({ name, mimeType, buffer });
  await student.page.waitForURL((url) => url.href !== before && /\/d[a-z0-9]{10}$/.test(url.pathname));
  await student.editor.locator("p, h1, li").first().waitFor();
  // biome-ignore lint/performance/useDomNodeTextContent: what the student sees
  return student.page.getByTestId("transfer-notice").innerText();
}

const EXPECTED: Structure = {
  headings: ["Results"],
  bold: ["strong words"],
  items: ["first item", "second item"],
  checks: ["false:a task"],
  links: ["Volcano page -> https://example.org/volcano"],
  pictures: 1,
};

describe("export and import", () => {
  const classroom = useClassroom();

  it("exports Word, Markdown and HTML, and Word and Markdown import back with the same structure", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Transfer");
    await ana.newDocument("Lab report");
    await writeSample(ana);
    expect(await structure(ana.page)).toEqual(EXPECTED);

    const docx = await exportAs(ana, "Word document (.docx)");
    expect(docx.name).toBe("Lab report.docx");
    const entries = unzipSync(new Uint8Array(docx.bytes));
    const xml = strFromU8(entries["word/document.xml"] as Uint8Array);
    for (const text of ["Results", "strong words", "first item", "second item", "☐ ", "a task", "Volcano page"]) expect(xml).toContain(text);
    expect(strFromU8(entries["word/_rels/document.xml.rels"] as Uint8Array)).toContain("https://example.org/volcano");
    expect(Object.keys(entries).filter((name) => name.startsWith("word/media/"))).toHaveLength(1);

    const md = await exportAs(ana, "Markdown (.md)");
    expect(md.name).toBe("Lab report.md");
    const markdown = md.bytes.toString("utf8");
    for (const line of ["# Results", "We saw **strong words** today.", "- first item", "- second item", "- [ ] a task", "[Volcano page](https://example.org/volcano)"]) {
      expect(markdown).toContain(line);
    }
    expect(markdown).toContain("](data:image/png;base64,");

    const html = (await exportAs(ana, "Web page (.html)")).bytes.toString("utf8");
    expect(html).toContain("<title>Lab report</title>");
    expect(html).toMatch(/<h1[^>]*>.*Results/);
    expect(html).toContain('href="https://example.org/volcano"');
    expect(html).toContain('aria-checked="false"');
    expect(html).toContain('src="data:image/png;base64,');

    const docxNotice = await importFile(ana, "Lab report.docx", docx.bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(docxNotice).toContain("is now a new document");
    await ana.editor.locator("li[role=checkbox]").waitFor();
    expect(await structure(ana.page)).toEqual(EXPECTED);

    const mdNotice = await importFile(ana, "Notes.md", md.bytes, "text/markdown");
    expect(mdNotice).toContain("“Notes.md” is now a new document.");
    await ana.editor.locator('img[src^="data:image/png;base64,"]').waitFor();
    expect(await structure(ana.page)).toEqual(EXPECTED);
    // Both imports are documents of the workspace, in the sidebar, named after their files.
    await ana.sidebarItem("Lab report").first().waitFor();
    await ana.sidebarItem("Notes").waitFor();
  });

  it("a hostile web page imports as a safe document, says what was dropped, and nothing runs", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Hostile");
    const hostile = [
      "<html><head><title>Free marks</title><script>window.__pwned = 'head script'</script></head><body>",
      "<h1>Read me</h1><p>Plain words stay.</p>",
      '<p><a href="javascript:window.__pwned=\'link\'">click me</a></p>',
      '<img src="x" onerror="window.__pwned=\'onerror\'">',
      '<p onmouseover="window.__pwned=\'hover\'">hover here</p>',
      "<iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>",
      "</body></html>",
    ].join("");
    const notice = await importFile(ana, "free-marks.html", Buffer.from(hostile), "text/html");
    expect(notice).toContain("2 scripts removed");
    expect(notice).toContain("2 event handlers removed");
    expect(notice).toContain("1 unsafe link removed");
    expect(notice).toContain("1 picture not in the file");
    await ana.page.getByRole("alert").filter({ hasText: "Left out" }).waitFor();
    await ana.sidebarItem("Free marks").waitFor();
    await ana.page.getByText("click me").click();
    await ana.page.getByText("hover here").hover();
    expect(await ana.editor.locator("a").count()).toBe(0);
    expect(await ana.editor.innerHTML()).not.toMatch(/javascript:|onerror|onmouseover|<script|<iframe/i);
    expect(await ana.page.evaluate(() => (window as { __pwned?: string }).__pwned ?? null)).toBeNull();
  });

  it("with the network off: exports the document, downloads the workspace as a zip, prints only the document", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Offline class");
    await ana.newDocument("Field notes");
    await ana.caretAtEnd();
    await ana.type("# Rivers");
    await ana.page.keyboard.press("Enter");
    await ana.type("The delta grows every year.");
    await ana.newDocument("Second");
    await ana.caretAtEnd();
    await ana.type("Another page of notes.");
    await ana.waitForRelaySaved();
    await ana.waitForServiceWorker();
    // Opening the menu once online fetches the converters, which the service worker keeps.
    await ana.page.getByRole("button", { name: "Download or print" }).click();
    await ana.page.waitForFunction(async () => (await caches.keys()).includes("quire-transfer") && (await (await caches.open("quire-transfer")).keys()).length >= 3);
    await ana.page.keyboard.press("Escape");

    await ana.setOffline(true);
    await ana.page.reload();
    await ana.waitForText(["Another page of notes."]);
    const md = await exportAs(ana, "Markdown (.md)");
    expect(md.bytes.toString("utf8")).toBe("Another page of notes.\n");
    const docx = await exportAs(ana, "Word document (.docx)");
    expect(strFromU8(unzipSync(new Uint8Array(docx.bytes))["word/document.xml"] as Uint8Array)).toContain("Another page of notes.");

    await ana.page.getByRole("button", { name: "Download all" }).click();
    const [download] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "All documents as Markdown files (.zip)" }).click()]);
    expect(download.suggestedFilename()).toBe("Offline class.zip");
    const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(zip).sort()).toEqual(["Field notes.md", "Second.md"]);
    expect(strFromU8(zip["Field notes.md"] as Uint8Array)).toBe("# Rivers\n\nThe delta grows every year.\n");

    // Print: only the document (title and text), none of the app around it.
    await ana.openFromSidebar("Field notes");
    await ana.waitForText(["The delta grows every year."]);
    await ana.page.emulateMedia({ media: "print" });
    // biome-ignore lint/performance/useDomNodeTextContent: innerText follows the print stylesheet's display: none
    const printed = await ana.page.evaluate(() => document.body.innerText);
    expect(printed).toContain("Field notes");
    expect(printed).toContain("The delta grows every year.");
    for (const chrome of ["Download or print", "Import a file", "Download all", "Second", "Offline class"]) expect(printed).not.toContain(chrome);
    const pdf = await ana.page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length).toBe(1);
  });

  it("“Who wrote this”: the export ends with each member's share from the relay; offline it says it needs a connection", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Authors");
    await ana.newDocument("Essay");
    await ana.caretAtEnd();
    await ana.type("Rivers carry sand to the sea.");
    await ana.waitForRelaySaved();

    await ana.page.getByRole("button", { name: "Download or print" }).click();
    const option = ana.page.getByRole("checkbox", { name: /Who wrote this/ });
    expect(await option.isChecked()).toBe(false);
    await option.check();
    const [download] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "Markdown (.md)" }).click()]);
    const markdown = (await readFile(await download.path())).toString("utf8");
    expect(markdown.startsWith("Rivers carry sand to the sea.\n")).toBe(true);
    expect(markdown).toMatch(/## Who wrote this\n\n.*\n\n\| Member \| Characters still in the document \| Share \|\n\| --- \| --- \| --- \|\n\| Ana \| 29 \| 100% \|\n$/);

    // Offline: no file and no guess, a sentence saying why.
    await ana.setOffline(true);
    await ana.page.getByRole("button", { name: "Download or print" }).click();
    await ana.page.getByRole("checkbox", { name: /Who wrote this/ }).check();
    let downloaded = false;
    ana.page.on("download", () => {
      downloaded = true;
    });
    await ana.page.getByRole("button", { name: "Markdown (.md)" }).click();
    await ana.page.getByRole("alert").filter({ hasText: "needs a connection" }).waitFor();
    expect(downloaded).toBe(false);
  });
});
