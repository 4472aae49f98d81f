/**
 * @module html-sanitize
 * Imported HTML (a .html file, or what mammoth made of a DOCX) is cleaned as a DOM before
 * Lexical reads it. Parsing with DOMParser runs no script and loads nothing (the document has
 * no browsing context); this pass then removes what could run or load once the markup is
 * used: active elements with their content, `on…` handlers, unsafe links, pictures Quire
 * would not keep (each counted in the DropReport). Nesting deeper than MAX_HTML_DEPTH is
 * refused as a whole (ImportError "tooDeep") before any work that recurses.
 */
import { isSafeLinkUrl } from "../editor/link-url.ts";
import type { DropReport } from "./drop-report.ts";
import { ImportError } from "./import-error.ts";
import { pictureProblem } from "./import-nodes.ts";
import { MAX_HTML_DEPTH } from "./transfer-limits.ts";

/** Removed with everything inside them: they run code, embed other pages or carry no text. */
const ACTIVE = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "noscript", "template"]);
/** Removed silently: presentation or page plumbing with no document content. */
const INERT = new Set(["style", "link", "meta", "base", "title", "svg", "math", "canvas", "video", "audio", "source", "track", "form", "input", "button", "select", "textarea"]);

/** Parses and cleans `html`; returns the cleaned document and its `<title>`, if any. */
export function sanitizeHtml(html: string, report: DropReport): { dom: Document; title: string } {
  const dom = new DOMParser().parseFromString(html, "text/html");
  assertDepth(dom.documentElement);
  const title = dom.querySelector("title")?.textContent?.trim() ?? "";
  // The whole page, head included: a script there runs as surely as one in the body.
  for (const element of [...dom.querySelectorAll("*")]) {
    if (!element.isConnected) continue; // inside an element already removed
    const tag = element.localName;
    if (ACTIVE.has(tag)) {
      report.scripts += 1;
      element.remove();
      continue;
    }
    if (INERT.has(tag)) {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      if (/^on/i.test(attribute.name)) {
        report.eventHandlers += 1;
        element.removeAttribute(attribute.name);
      }
    }
    if (tag === "a") cleanLink(element, report);
    else if (tag === "img") cleanPicture(element, report);
  }
  markChecklists(dom);
  return { dom, title };
}

/** Iterative, so a hostile depth cannot overflow the stack while we measure it. */
function assertDepth(root: Element): void {
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop() as [Element, number];
    if (depth > MAX_HTML_DEPTH) throw new ImportError("tooDeep", { limit: MAX_HTML_DEPTH });
    for (const child of element.children) stack.push([child, depth + 1]);
  }
}

function cleanLink(link: Element, report: DropReport): void {
  const href = link.getAttribute("href");
  if (href !== null && isSafeLinkUrl(href)) {
    link.setAttribute("href", new URL(href.trim()).href);
    return;
  }
  // An anchor without href is a bookmark target, not a link: keep its text quietly.
  if (href !== null) report.unsafeLinks += 1;
  link.replaceWith(...link.childNodes);
}

function cleanPicture(img: Element, report: DropReport): void {
  const problem = pictureProblem(img.getAttribute("src") ?? "");
  if (problem === null) return;
  report[problem] += 1;
  img.remove();
}

/**
 * Word checkboxes reach us as text: our own DOCX export writes checklist items as "☐ …" /
 * "☑ …" bullets, and mammoth keeps the symbols. A run of items starting with one becomes a
 * checklist again (Lexical reads `aria-checked` on the items); mammoth joins a checklist that
 * follows a bulleted list into that list, so a list is first split where the boxes start/stop.
 */
function markChecklists(dom: Document): void {
  const hasBox = (item: Element) => /^\s*[☐☑☒]/.test(item.textContent ?? "");
  for (const list of [...dom.querySelectorAll("ul")]) {
    const items = [...list.children].filter((child) => child.localName === "li");
    if (!items.some(hasBox)) continue;
    // Split into runs of items with and without a box, each its own <ul>, in order.
    let run: Element | null = null;
    let runHasBox = false;
    const runs: Element[] = [];
    for (const item of items) {
      if (run === null || hasBox(item) !== runHasBox) {
        run = dom.createElement("ul");
        runHasBox = hasBox(item);
        runs.push(run);
      }
      run.append(item);
    }
    list.replaceWith(...runs);
    for (const box of runs.filter((r) => [...r.children].every(hasBox))) {
      for (const item of box.children) {
        item.setAttribute("aria-checked", /^\s*[☑☒]/.test(item.textContent ?? "") ? "true" : "false");
        stripLeadingBox(item);
      }
    }
  }
}

function stripLeadingBox(item: Element): void {
  const walker = item.ownerDocument.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent ?? "";
    if (text.trim() === "") continue;
    node.textContent = text.replace(/^\s*[☐☑☒]\s?/, "");
    return;
  }
}
