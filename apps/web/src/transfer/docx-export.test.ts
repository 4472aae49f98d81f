// @vitest-environment jsdom
import { strFromU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDoc, writeDoc } from "./headless-editor.ts";
import { ImportError } from "./import-error.ts";
import { exportDocument, parseImportFile } from "./transfer.ts";
import { checkZip } from "./zip-guard.ts";

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

// The checklist follows the bullets directly: Word joins consecutive items of one numbering.
const SAMPLE = [
  "# Lab report",
  "",
  "Some **bold**, *italic*, ~~struck~~ text with [a link](https://example.org/).",
  "",
  "- first bullet",
  "- second bullet",
  "",
  "- [ ] to do",
  "- [x] done",
  "",
  "1. one",
  "2. two",
  "",
  `![diagram](${PNG})`,
  "",
  "| Name | Score |",
  "| --- | --- |",
  "| Ana | 12 |",
].join("\n");

function file(bytes: Uint8Array, name: string, type = "") {
  return { name, type, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

async function docFromMarkdown(text: string): Promise<Y.Doc> {
  const parsed = await parseImportFile(file(new TextEncoder().encode(text), "x.md"));
  const doc = new Y.Doc();
  writeDoc(doc, parsed.state);
  return doc;
}

describe("DOCX export", () => {
  it("is a valid zip whose document.xml holds the headings, list, checklist, link, table and picture", async () => {
    const doc = await docFromMarkdown(SAMPLE);
    const out = await exportDocument(doc, "Lab report", "docx", "en");
    expect(out.name).toBe("Lab report.docx");
    const entries = unzipSync(out.bytes);
    const xml = strFromU8(entries["word/document.xml"] as Uint8Array);
    expect(xml).toContain('w:val="Heading1"');
    for (const text of ["Lab report", "first bullet", "second bullet", "☐ ", "to do", "☑ ", "done", "a link", "Name", "Ana", "12"]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain("<w:b/>");
    expect(xml).toContain("<w:i/>");
    expect(xml).toContain("<w:strike/>");
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("<w:numPr>");
    const rels = strFromU8(entries["word/_rels/document.xml.rels"] as Uint8Array);
    expect(rels).toContain('Target="https://example.org/"');
    expect(Object.keys(entries).some((name) => name.startsWith("word/media/"))).toBe(true);
  });

  it("imports back (mammoth) with the same structure: headings, lists, checklist, link, table, picture", async () => {
    const doc = await docFromMarkdown(SAMPLE);
    const out = await exportDocument(doc, "Lab report", "docx", "en");
    const bytes = out.bytes;
    const parsed = await parseImportFile(file(bytes, "Lab report.docx"));
    const back = new Y.Doc();
    writeDoc(back, parsed.state);
    const md = await exportDocument(back, "x", "md", "en");
    const text = new TextDecoder().decode(md.bytes);
    expect(text).toContain("# Lab report");
    expect(text).toContain("[a link](https://example.org/)");
    expect(text).toContain("- first bullet");
    expect(text).toContain("1. one");
    expect(text).toContain("- [ ] to do");
    expect(text).toContain("- [x] done");
    expect(text).toContain("| Ana | 12 |");
    expect(text).toContain("![diagram](data:image/png;base64,");
    expect(text).toMatch(/\*\*bold\*\*/);
    expect(readDoc(back).read(() => true)).toBe(true);
  });
});

describe("DOCX import refuses hostile files before converting them", () => {
  it("a file that is not a zip", async () => {
    await expect(parseImportFile(file(new TextEncoder().encode("<html>not word</html>"), "report.docx"))).rejects.toMatchObject({ code: "notDocx" });
  });

  it("a zip without word/document.xml", async () => {
    const zip = zipSync({ "hello.txt": new TextEncoder().encode("hi") });
    await expect(parseImportFile(file(zip, "report.docx"))).rejects.toMatchObject({ code: "notDocx" });
  });

  it("a zip bomb: inflating stops at the budget", () => {
    // 48 MiB of zeros (over the 40 MiB budget) compress to well under 1 MiB.
    const zip = zipSync({ "word/document.xml": new Uint8Array(48 * 1024 * 1024) }, { level: 1 });
    expect(zip.length).toBeLessThan(1_000_000);
    let error: unknown;
    try {
      checkZip(zip);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("zipBomb");
  });

  it("a file over the import size limit", async () => {
    const big = { name: "huge.docx", type: "", size: 11 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(0) };
    await expect(parseImportFile(big)).rejects.toMatchObject({ code: "tooLarge" });
  });
});
