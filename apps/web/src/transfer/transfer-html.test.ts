// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDoc, writeDoc } from "./headless-editor.ts";
import { exportHtml } from "./transfer-html.ts";
import { exportMarkdown } from "./transfer-markdown.ts";
import { parseImportFile } from "./transfer.ts";

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function htmlFile(html: string, name = "page.html") {
  const bytes = new TextEncoder().encode(html);
  return { name, type: "text/html", size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
}

async function importToDoc(html: string) {
  const parsed = await parseImportFile(htmlFile(html));
  const doc = new Y.Doc();
  writeDoc(doc, parsed.state);
  return { parsed, doc };
}

describe("HTML import sanitising", () => {
  it("drops scripts, event handlers, unsafe links and pictures Quire would not keep, and counts them", async () => {
    const big = `data:image/png;base64,${"A".repeat(1.5 * 1024 * 1024)}`;
    const { parsed, doc } = await importToDoc(
      [
        "<title>Hostile</title><script>window.pwned = 1</script>",
        '<p onclick="window.pwned = 2">Hello <b>bold</b> <a href="javascript:alert(1)">bad link</a>',
        ' <a href="https://example.org/" onmouseover="x()">good link</a></p>',
        `<img src="${big}"><img src="https://tracker.example/p.gif"><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="${PNG}" alt="ok">`,
        '<iframe src="https://example.org"></iframe><p style="background:url(https://x.example/)">styled</p>',
      ].join(""),
    );
    expect(parsed.title).toBe("Hostile");
    expect(parsed.report).toEqual({ scripts: 2, eventHandlers: 2, unsafeLinks: 1, picturesTooLarge: 1, picturesUnsupported: 2 });
    const html = exportHtml(readDoc(doc), "Hostile", "en");
    expect(html).not.toMatch(/<script|onclick|onmouseover|javascript:|tracker|svg\+xml|<iframe|url\(/i);
    expect(html).toContain("bad link");
    expect(html).toContain('href="https://example.org/"');
    expect(html).toContain(PNG);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it("refuses deeply nested markup as a whole", async () => {
    const deep = `${"<div>".repeat(1_000)}x${"</div>".repeat(1_000)}`;
    await expect(parseImportFile(htmlFile(deep))).rejects.toMatchObject({ code: "tooDeep" });
  });

  it("refuses a file with nothing in it", async () => {
    await expect(parseImportFile(htmlFile("<script>x()</script>"))).rejects.toMatchObject({ code: "empty" });
    await expect(parseImportFile(htmlFile("<p>  </p><p><br></p>"))).rejects.toMatchObject({ code: "empty" });
  });

  it("keeps a document of only a rule or only a picture (content without text is not empty)", async () => {
    const rule = await parseImportFile(htmlFile("<hr>"));
    expect(JSON.stringify(rule.state)).toContain('"horizontalrule"');
    const picture = await parseImportFile(htmlFile(`<p><img src="${PNG}" alt="a dot"></p>`));
    expect(JSON.stringify(picture.state)).toContain(PNG);
  });
});

describe("HTML round trip (document → HTML → document)", () => {
  it("keeps headings, lists, checklists, links, marks, tables and pictures", async () => {
    const md = [
      "# Title",
      "",
      "Some **bold** and *italic* with [a link](https://example.org/).",
      "",
      "- one",
      "- two",
      "",
      "- [ ] open",
      "- [x] closed",
      "",
      `![pic](${PNG})`,
      "",
      "| A | B |",
      "| --- | --- |",
      "| 1 | 2 |",
    ].join("\n");
    const bytes = new TextEncoder().encode(md);
    const parsed = await parseImportFile({ name: "a.md", type: "", size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer });
    const doc = new Y.Doc();
    writeDoc(doc, parsed.state);
    const html = exportHtml(readDoc(doc), "Title", "en");
    expect(html).toContain('rel="noopener noreferrer"');
    const { doc: back } = await importToDoc(html);
    expect(exportMarkdown(readDoc(back)).trim()).toBe(md);
  });
});
