/**
 * Issue 10 item 6: a school link is slow (500 kbit/s), so the bytes of the first visit are
 * the wait. Budgets, in bytes on the wire as Chromium counts them (CDP encodedDataLength,
 * page + service worker, see bench/src/harness/wire-bytes.ts): a student's first visit —
 * app, start a workspace, a document, typing, the offline precache — ≤ 250 KB; opening it
 * again with the service worker in charge ≤ 10 KB. Bytes, never time: timings are the
 * benchmark's job (bench/src/benchmarks/first-load.ts).
 * Also: the editor is loaded on demand, and a doc holding a table and a picture renders on a
 * classmate's very first open.
 */
import { describe, expect, it } from "vitest";
import { describeTotals, WireBytes } from "@quire/testkit";
import { useClassroom } from "./support/classroom.ts";

const FIRST_LOAD_BUDGET = 250_000;
const REPEAT_LOAD_BUDGET = 10_000;


describe("first load", () => {
  const classroom = useClassroom();

  it(`a first visit takes ≤ ${FIRST_LOAD_BUDGET / 1000} KB on the wire and a repeat visit ≤ ${REPEAT_LOAD_BUDGET / 1000} KB`, async () => {
    const ana = await classroom.student("Ana");
    const wire = await WireBytes.attach(ana.context, ana.page);
    await ana.createWorkspace("Bytes");
    await ana.newDocument("First");
    await ana.caretAtEnd();
    await ana.type("hello on a slow link");
    await ana.waitForRelaySaved();
    await ana.waitForServiceWorker();
    const first = await wire.take();
    console.log(`[first load] ${describeTotals(first)}\n${first.responses.map((r) => `  ${r.bytes}\t${r.from}\t${r.encoding || "-"}\t${r.url}`).join("\n")}`);
    // Every script, style and page of any size came compressed.
    const uncompressed = first.responses.filter((r) => r.bytes > 2_000 && /\.(js|css|html)$|\/[a-z0-9/]*$/.test(new URL(r.url).pathname) && r.encoding === "");
    expect(uncompressed).toEqual([]);
    expect(first.uncounted).toEqual([]);
    expect(first.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);

    await ana.page.reload();
    await ana.waitForText(["hello on a slow link"]);
    await ana.waitForRelaySaved();
    const repeat = await wire.take();
    console.log(`[repeat load] ${describeTotals(repeat)}\n${repeat.responses.map((r) => `  ${r.bytes}\t${r.from}\t${r.url}`).join("\n")}`);
    expect(repeat.uncounted).toEqual([]);
    expect(repeat.bytes).toBeLessThanOrEqual(REPEAT_LOAD_BUDGET);
  });

  it("the editor loads on demand, and a doc with a table and a picture renders on a classmate's first open", async () => {
    const ana = await classroom.student("Ana");
    await ana.createWorkspace("Split");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Rich");
    await ana.caretAtEnd();
    await ana.type("Before the table");
    await ana.insertTable();
    await ana.type("in a cell");
    await ana.insertPicture();
    await ana.waitForRelaySaved();

    const ben = await classroom.student("Ben");
    const scripts: string[] = [];
    ben.page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await ben.page.goto("/");
    await ben.page.getByRole("tab", { name: "Join with a code" }).waitFor();
    // The page's entry script is not the editor: the editor comes as a chunk of its own, fetched
    // after the first screen's script (main.tsx starts it right away).
    // A resource entry appears once its download completes: on a loaded machine the chunk may
    // still be arriving when the first screen shows (seen once in four runs), so wait for it.
    const editorChunk = await ben.page
      .waitForFunction(() => performance.getEntriesByType("resource").find((e) => /\/assets\/Editor-[\w-]+\.js$/.test(e.name))?.name, undefined, {
        timeout: 10_000,
      })
      .then((handle) => handle.jsonValue())
      .catch(() => undefined);
    expect(scripts[0]).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    expect(editorChunk, `scripts: ${scripts.join(", ")}`).toBeDefined();
    await ben.join(code);
    await ben.openFromSidebar("Rich");
    await ben.waitForText(["Before the table", "in a cell"]);
    await ben.editor.locator("table td, table th", { hasText: "in a cell" }).first().waitFor();
    await ben.editor.locator('img[src^="data:image/png;base64,"]').waitFor();
    expect(await ben.editor.getAttribute("contenteditable")).toBe("true");
  });
});
