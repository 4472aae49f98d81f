/**
 * Right to left (issue 16, part I4). With Arabic chosen on the device (`quire.language` = "ar",
 * the picker's own setting) the whole layout mirrors: `<html dir="rtl">`, the document list on
 * the right of a laptop screen, the phone's drawer sliding in from the right, the toolbar's
 * first button on the right. The document's text keeps its own direction paragraph by
 * paragraph (`dir="auto"` on each block): two students type a paragraph of Arabic then English
 * words, an English paragraph and an Arabic one, and both see exactly the same text, each
 * paragraph in its direction; the classmate's caret is drawn where their caret is, inside the
 * Arabic paragraph; Arabic renders with a font that has Arabic glyphs (shaped, not boxes).
 *
 * The students create and join the workspace in English (the Student helpers find elements by
 * their English names) and then switch the device to Arabic; from there the test finds
 * elements by structure, so it does not depend on the wording of the Arabic catalog.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeReport, describeBlocking } from "./support/axe.ts";
import { useClassroom } from "./support/classroom.ts";
import { PHONE } from "@quire/testkit";
import { sideways } from "./support/sideways.ts";
import { type Student, WAIT_MS, waitUntil } from "./support/student.ts";

/** Arabic then English words in one paragraph: right to left, by its first strong letter. */
const MIXED = "مرحبا بكم في المشروع hello everyone";
const ENGLISH = "This paragraph is in English";
const ARABIC = "هذه فقرة باللغة العربية";

type Box = { left: number; right: number; top: number; bottom: number };

async function boxOf(page: Page, selector: string): Promise<Box> {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`${selector} is not in the page`);
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }, selector);
}

async function switchToArabic(student: Student): Promise<void> {
  await student.chooseLanguage("ar");
  await student.page.locator("html[dir=rtl][lang=ar]").waitFor({ state: "attached" });
}

/** Each editor paragraph: its text, its `dir` attribute and the direction the browser gave it. */
function paragraphs(student: Student): Promise<{ text: string; dir: string | null; direction: string }[]> {
  return student.editor.evaluate((root) =>
    [...root.querySelectorAll(":scope > p")].map((p) => ({
      text: (p.textContent ?? "").replace(/\u00a0/g, " "),
      dir: p.getAttribute("dir"),
      direction: getComputedStyle(p).direction,
    })),
  );
}

/**
 * The caret @lexical/yjs draws for a classmate (a 1 px span in the page, labelled with their
 * name) and where the same caret would be in this page's own text: the end of the paragraph
 * holding `text` (the classmate just typed it, so their caret is there).
 */
interface CaretReport {
  caret: { left: number; top: number; bottom: number };
  end: { left: number; top: number; bottom: number };
  text: { left: number; right: number };
  paragraph: Box;
}

function remoteCaretAndParagraphEnd(page: Page, name: string, text: string): Promise<CaretReport | null> {
  return page.evaluate(
    ({ name, text }) => {
      const pageEl = document.querySelector(".editor-page");
      const editor = document.querySelector('[data-testid="editor"]');
      if (!pageEl || !editor) return null;
      const label = [...pageEl.querySelectorAll("span")].find((s) => !editor.contains(s) && s.textContent === name && s.parentElement?.tagName === "SPAN");
      const caret = label?.parentElement;
      const paragraph = [...editor.querySelectorAll("p")].find((p) => p.textContent === text);
      if (!caret || !paragraph) return null;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let last: Text | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
      if (!last) return null;
      const range = document.createRange();
      range.setStart(last, last.length);
      range.collapse(true);
      const whole = document.createRange();
      whole.selectNodeContents(paragraph);
      const c = caret.getBoundingClientRect();
      const e = range.getBoundingClientRect();
      const t = whole.getBoundingClientRect();
      const p = paragraph.getBoundingClientRect();
      return {
        caret: { left: c.left, top: c.top, bottom: c.bottom },
        end: { left: e.left, top: e.top, bottom: e.bottom },
        text: { left: t.left, right: t.right },
        paragraph: { left: p.left, right: p.right, top: p.top, bottom: p.bottom },
      };
    },
    { name, text },
  );
}

describe("right to left: the Arabic interface on a laptop, and a mixed-direction document", () => {
  const classroom = useClassroom();

  it("mirrors the layout; a mixed Arabic/English document syncs with each paragraph in its direction", async () => {
    const ana = await classroom.student("Ana Lima");
    const ben = await classroom.student("Ben Okafor");
    await ana.createWorkspace("Échange scolaire");
    const code = await ana.editorJoinCode();
    await ana.newDocument("Bilingual letter");
    await ben.join(code);
    await ben.openFromSidebar("Bilingual letter");
    const docUrl = ana.page.url();
    await switchToArabic(ana);
    await switchToArabic(ben);
    await ben.page.goto(docUrl);
    await ana.editor.waitFor();
    await ben.editor.waitFor();

    // The layout mirrors: the document list is on the right, the page to its left.
    const viewport = ana.page.viewportSize()?.width ?? 0;
    const sidebar = await boxOf(ana.page, ".sidebar");
    const main = await boxOf(ana.page, ".workspace-main");
    expect(sidebar.right, "the sidebar touches the right edge").toBeGreaterThan(viewport - 2);
    expect(main.right, "the page is left of the sidebar").toBeLessThanOrEqual(sidebar.left + 1);
    // The toolbar reads from the right: its first control is right of its last one.
    const toolbarOrder = await ana.page.evaluate(() => {
      const controls = [...document.querySelectorAll(".toolbar button, .toolbar select")];
      const first = controls[0]?.getBoundingClientRect();
      const last = controls.at(-1)?.getBoundingClientRect();
      return first && last ? { first: first.left, last: last.left } : null;
    });
    expect(toolbarOrder).not.toBeNull();
    expect(toolbarOrder?.first ?? 0).toBeGreaterThan(toolbarOrder?.last ?? 0);
    // Undo points the other way (mirrored); a symmetric icon (the table) is not mirrored.
    const iconTransforms = await ana.page.evaluate(() =>
      [...document.querySelectorAll(".toolbar svg.icon")].map((svg) => getComputedStyle(svg).transform),
    );
    expect(iconTransforms[0], "undo, the toolbar's first icon").toBe("matrix(-1, 0, 0, 1, 0, 0)");
    expect(iconTransforms).toContain("none");
    // The Invite and "Who is writing?" boxes open inside the screen (their buttons are now at
    // the left end of the bar).
    await ana.page.locator(".share:not(.who) > button").click();
    const invite = await boxOf(ana.page, ".share-pop");
    expect(invite.left).toBeGreaterThanOrEqual(0);
    expect(invite.right).toBeLessThanOrEqual(viewport);
    expect((await sideways(ana.page)).outside).toEqual([]);
    await ana.page.locator(".share-close").click();
    await ana.page.locator(".who > button").click();
    const who = await boxOf(ana.page, ".who-pop");
    expect(who.left).toBeGreaterThanOrEqual(0);
    expect(who.right).toBeLessThanOrEqual(viewport);
    await ana.page.locator(".who-pop .share-close").click();
    // The empty page's placeholder starts on the right, where the caret will be.
    const placeholder = await boxOf(ana.page, ".editor-placeholder");
    const input = await boxOf(ana.page, '[data-testid="editor"]');
    expect(input.right - placeholder.right, "placeholder at the right edge of the text").toBeLessThan(4);

    // Ana types Arabic then English words; Ben adds an English paragraph and an Arabic one.
    await ana.caretAtEnd();
    await ana.type(MIXED);
    await ben.waitForText([MIXED]);
    await ben.caretAtEnd();
    // An empty new line has no letter to take a direction from: it keeps the direction of the
    // line before it (so the caret stays on the right after Arabic), then follows its text.
    const lineDirections = async (count: number) => {
      let seen: string[] = [];
      await waitUntil(
        async () => {
          seen = (await paragraphs(ben)).map((p) => p.direction);
          return seen.length === count;
        },
        WAIT_MS,
        () => `${count} paragraphs in Ben's page, saw ${seen.length}`,
      );
      return seen;
    };
    await ben.page.keyboard.press("Enter");
    expect(await lineDirections(2)).toEqual(["rtl", "rtl"]);
    await ben.type(ENGLISH);
    await ben.page.keyboard.press("Enter");
    expect(await lineDirections(3)).toEqual(["rtl", "ltr", "ltr"]);
    await ben.type(ARABIC);
    await ana.waitForText([MIXED, ENGLISH, ARABIC]);
    await ben.waitForText([MIXED, ENGLISH, ARABIC]);

    const expected = [
      { text: MIXED, dir: "auto", direction: "rtl" },
      { text: ENGLISH, dir: "auto", direction: "ltr" },
      { text: ARABIC, dir: "auto", direction: "rtl" },
    ];
    expect(await paragraphs(ana)).toEqual(expected);
    expect(await paragraphs(ben)).toEqual(expected);
    expect(await ana.text()).toBe(await ben.text());

    // Ben's caret, drawn in Ana's page, sits at the end of his Arabic paragraph (exactly where
    // Ana's own browser puts that text position) — its left end, the text running right to
    // left — inside that paragraph's box.
    const caretAtEnd = (r: CaretReport | null) => r !== null && Math.abs(r.caret.left - r.end.left) <= 2 && Math.abs(r.caret.top - r.end.top) <= 4;
    let last: CaretReport | null = null;
    await waitUntil(
      async () => {
        last = await remoteCaretAndParagraphEnd(ana.page, ben.name, ARABIC);
        return caretAtEnd(last);
      },
      WAIT_MS,
      () => `Ben's caret at the end of the Arabic paragraph in Ana's page: ${JSON.stringify(last)}`,
    );
    const at = await remoteCaretAndParagraphEnd(ana.page, ben.name, ARABIC);
    if (at === null) throw new Error("Ben's caret left Ana's page");
    // Right to left, the text's end is its left edge; the text itself hugs the right edge.
    expect(Math.abs(at.caret.left - at.text.left)).toBeLessThanOrEqual(2);
    expect(at.text.right - at.caret.left).toBeGreaterThan(50);
    expect(at.paragraph.right - at.text.right).toBeLessThan(2);
    expect(at.caret.top).toBeGreaterThanOrEqual(at.paragraph.top - 2);
    expect(at.caret.bottom).toBeLessThanOrEqual(at.paragraph.bottom + 2);

    // Ana's caret, drawn in Ben's page, is at the end of her mixed paragraph: after its last
    // English word, where the bidi algorithm puts that position (not the line's left edge).
    let mixed: CaretReport | null = null;
    await waitUntil(
      async () => {
        mixed = await remoteCaretAndParagraphEnd(ben.page, ana.name, MIXED);
        return caretAtEnd(mixed);
      },
      WAIT_MS,
      () => `Ana's caret at the end of the mixed paragraph in Ben's page: ${JSON.stringify(mixed)}`,
    );

    // The Arabic workspace with a mixed document passes axe (no serious or critical finding).
    const axe = await axeReport(ana.page, "Arabic workspace and editor");
    expect(axe.blocking, describeBlocking([axe])).toEqual([]);

    // Ben selects an Arabic word: Ana sees his selection drawn over exactly that word.
    const word = "فقرة";
    await ben.selectText(word);
    let drawn: { word: Box; spans: Box[] } | null = null;
    await waitUntil(
      async () => {
        drawn = await ana.page.evaluate((word) => {
          const pageEl = document.querySelector(".editor-page");
          const editor = document.querySelector('[data-testid="editor"]');
          const walker = editor ? document.createTreeWalker(editor, NodeFilter.SHOW_TEXT) : null;
          for (let n = walker?.nextNode(); n; n = walker?.nextNode()) {
            const at = n.textContent?.indexOf(word) ?? -1;
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(n, at);
            range.setEnd(n, at + word.length);
            const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
            // @lexical/yjs draws a selection as empty spans in its layer (a div in the page),
            // one per line box; the caret is the span holding the name.
            const spans = [...(pageEl?.querySelectorAll(":scope > div > span") ?? [])].filter((el) => el.textContent === "");
            return { word: box(range.getBoundingClientRect()), spans: spans.map((el) => box(el.getBoundingClientRect())) };
          }
          return null;
        }, word);
        const w = drawn?.word;
        return w !== undefined && (drawn?.spans ?? []).some((b) => ["left", "right", "top", "bottom"].every((k) => Math.abs(b[k as keyof Box] - w[k as keyof Box]) <= 2));
      },
      WAIT_MS,
      () => `Ben's selection of "${word}" drawn over that word in Ana's page: ${JSON.stringify(drawn)}`,
    );

    // Arabic renders with a font that has Arabic glyphs: Chromium names the font it used for
    // the paragraph, and the letters are shaped (four joined behs are far narrower than four
    // isolated ones; boxes for missing glyphs would be exactly four times one).
    const cdp = await ana.context.newCDPSession(ana.page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: '[data-testid="editor"] > p:last-child span' });
    expect(nodeIds.length).toBeGreaterThan(0);
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: nodeIds[0] as number });
    console.info("[right-to-left] fonts for the Arabic paragraph:", JSON.stringify(fonts));
    expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(0);
    const shaping = await ana.page.evaluate(() => {
      const p = document.querySelector('[data-testid="editor"] > p:last-child');
      const ctx = document.createElement("canvas").getContext("2d");
      if (!p || !ctx) return null;
      ctx.font = getComputedStyle(p).font;
      ctx.direction = "rtl";
      return { one: ctx.measureText("\u0628").width, four: ctx.measureText("\u0628\u0628\u0628\u0628").width };
    });
    expect(shaping).not.toBeNull();
    expect(shaping?.four ?? 0).toBeLessThan((shaping?.one ?? 0) * 4 * 0.8);

    await ana.waitForRelaySaved();
    await ben.waitForRelaySaved();
  });
});

describe("right to left: an Arabic checklist", () => {
  const classroom = useClassroom();

  it("ticks an item by its box, drawn on the right of a right-to-left item", async () => {
    const ana = await classroom.student("Ana Lima");
    await ana.createWorkspace("Échange scolaire");
    await ana.newDocument("قائمة المهام");
    await ana.caretAtEnd();
    await ana.type("[ ] إحضار الخرائط");
    const item = ana.editor.locator("li.ed-li-unchecked", { hasText: "إحضار الخرائط" });
    await item.waitFor();
    const box = await item.evaluate((li) => {
      const r = li.getBoundingClientRect();
      const before = getComputedStyle(li, "::before");
      return { direction: getComputedStyle(li).direction, left: r.left, right: r.right, top: r.top, width: Number.parseFloat(before.width), inset: Number.parseFloat(before.insetInlineStart) };
    });
    expect(box.direction).toBe("rtl");
    // Click the middle of the drawn box: right edge − its inline-start inset − half its width.
    await ana.page.mouse.click(box.right - box.inset - box.width / 2, box.top + 12);
    await ana.editor.locator("li.ed-li-checked", { hasText: "إحضار الخرائط" }).waitFor({ timeout: 5_000 });

    // A left-to-right list below it still ticks by its box on the left.
    await ana.caretAtEnd();
    await ana.page.keyboard.press("Enter");
    await ana.page.keyboard.press("Enter");
    await ana.type("Notes");
    await ana.page.keyboard.press("Enter");
    await ana.type("[ ] bring the maps");
    const english = ana.editor.locator("li.ed-li-unchecked", { hasText: "bring the maps" });
    await english.waitFor();
    const left = await english.evaluate((li) => {
      const r = li.getBoundingClientRect();
      const before = getComputedStyle(li, "::before");
      return { direction: getComputedStyle(li).direction, left: r.left, top: r.top, width: Number.parseFloat(before.width), inset: Number.parseFloat(before.insetInlineStart) };
    });
    expect(left.direction).toBe("ltr");
    await ana.page.mouse.click(left.left + left.inset + left.width / 2, left.top + 12);
    await ana.editor.locator("li.ed-li-checked", { hasText: "bring the maps" }).waitFor({ timeout: 5_000 });
    await ana.editor.locator("li.ed-li-checked", { hasText: "إحضار الخرائط" }).waitFor();
  });
});

describe("right to left: the Arabic interface on a phone", () => {
  const classroom = useClassroom();

  it("opens the document drawer from the right and nothing sticks out sideways", async () => {
    const ana = await classroom.student("Ana Lima", PHONE);
    await ana.createWorkspace("Échange scolaire");
    // A title keeps its own direction: Arabic in the English interface is right to left.
    await ana.newDocument("رسالة إلى الشركاء");
    const titleDirection = () => ana.page.locator(".doc-title-input").evaluate((el) => getComputedStyle(el).direction);
    expect(await titleDirection()).toBe("rtl");
    await ana.newDocument("Letter to our partners");
    await switchToArabic(ana);
    expect(await titleDirection(), "an English title in the Arabic interface").toBe("ltr");
    await ana.editor.waitFor();
    const width = PHONE.viewport.width;

    // Closed, the drawer waits past the right edge (not the left one) and is hidden.
    const closed = await boxOf(ana.page, ".drawer");
    expect(closed.left, "the closed drawer is off the right edge").toBeGreaterThanOrEqual(width - 1);
    expect((await sideways(ana.page)).outside).toEqual([]);

    await ana.page.locator(".drawer-toggle").click();
    await ana.page.locator(".drawer.is-open").waitFor();
    // Open (after its slide), it lies against the right edge, the backdrop to its left.
    await waitUntil(
      async () => {
        const open = await boxOf(ana.page, ".drawer");
        return Math.abs(open.right - width) <= 1 && open.left > 0;
      },
      WAIT_MS,
      () => "the open drawer against the right edge",
    );
    const sidebar = await boxOf(ana.page, ".drawer .sidebar");
    expect(sidebar.right).toBeGreaterThan(width - 2);
    expect((await sideways(ana.page)).outside).toEqual([]);

    await ana.page.keyboard.press("Escape");
    await ana.page.locator(".drawer.is-open").waitFor({ state: "detached" });
    await ana.editor.click();
    await ana.type(ARABIC);
    await ana.waitForText([ARABIC]);
    expect((await paragraphs(ana))[0]?.direction).toBe("rtl");
    expect((await sideways(ana.page)).outside).toEqual([]);
  });
});
