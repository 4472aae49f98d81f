import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDoc, writeDoc } from "./headless-editor.ts";
import { exportMarkdown } from "./transfer-markdown.ts";
import { parseImportFile } from "./transfer.ts";

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const SAMPLE = [
  "# Lab report",
  "",
  "Some **bold**, *italic*, ~~struck~~ and `code` text with [a link](https://example.org/).",
  "",
  "## Method",
  "",
  "- first",
  "- second",
  "",
  "1. one",
  "2. two",
  "",
  "- [ ] to do",
  "- [x] done",
  "",
  "> a quote",
  "",
  `![diagram](${PNG})`,
  "",
  "| Name | Score |",
  "| --- | --- |",
  "| Ana | **12** |",
  "",
  "***",
  "",
  "```",
  "let x = 1;",
  "```",
].join("\n");

function markdownFile(text: string, name = "Lab report.md") {
  const bytes = new TextEncoder().encode(text);
  return { name, type: "text/markdown", size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
}

/** Markdown → parsed import → written into a Yjs doc → read back → Markdown. */
async function roundTrip(text: string): Promise<string> {
  const parsed = await parseImportFile(markdownFile(text));
  const doc = new Y.Doc();
  writeDoc(doc, parsed.state);
  // Through the binary update, as another device would receive it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return exportMarkdown(readDoc(copy));
}

describe("Markdown round trip (Markdown → document → Markdown)", () => {
  it("keeps headings, marks, links, lists, checklists, quotes, pictures, tables, rules and code", async () => {
    const out = await roundTrip(SAMPLE);
    expect(out.trim()).toBe(SAMPLE.trim());
  });

  it("is stable: exporting the re-imported export gives the same Markdown", async () => {
    const once = await roundTrip(SAMPLE);
    expect(await roundTrip(once)).toBe(once);
  });

  it("keeps underline as inline HTML, inside the other marks, also inside a link and across a bold run", async () => {
    const text = "**bold <u>both</u> bold** then <u>*under italic*</u> and [<u>linked</u>](https://example.org/) <u>plain</u>";
    const out = await roundTrip(text);
    expect(out.trim()).toBe("**bold <u>both</u> bold** then *<u>under italic</u>* and [<u>linked</u>](https://example.org/) <u>plain</u>");
    expect(await roundTrip(out)).toBe(out);
  });

  it("drops an unsafe link (keeping its text) and a picture that is not an image data: URL, and says so", async () => {
    const parsed = await parseImportFile(markdownFile("[click](javascript:alert(1)) and text\n\n![x](https://tracker.example/p.png)\n"));
    expect(parsed.report).toMatchObject({ unsafeLinks: 1, picturesUnsupported: 1 });
    const doc = new Y.Doc();
    writeDoc(doc, parsed.state);
    const out = exportMarkdown(readDoc(doc));
    expect(out).toContain("click and text");
    expect(out).not.toContain("javascript");
    expect(out).not.toContain("tracker");
  });

  it("takes the title from the file name", async () => {
    const parsed = await parseImportFile(markdownFile("hello", "Week 3 notes.md"));
    expect(parsed.title).toBe("Week 3 notes");
  });
});
