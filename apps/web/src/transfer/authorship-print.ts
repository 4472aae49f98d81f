/**
 * @module authorship-print
 * "Who wrote this" on paper / PDF: the print stylesheet prints the document on screen, so the
 * appendix is a section added after it just before the print dialog opens and removed once
 * it closed (on screen it is only there behind the dialog). Styled through the CSSOM: the
 * content security policy refuses a <style> element, and the first-load stylesheet is at its
 * budget. Built with DOM calls and
 * `textContent` only: member names are other people's input.
 */
import type { AuthorshipAppendix } from "./authorship-appendix.ts";

function cell(tag: "th" | "td", text: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  element.style.padding = "2pt 8pt 2pt 0";
  element.style.textAlign = "start";
  return element;
}

/** The appendix as a `<section>` for the print. */
export function authorshipSection(appendix: AuthorshipAppendix): HTMLElement {
  const section = document.createElement("section");
  section.className = "print-appendix";
  section.style.breakBefore = "page";
  const heading = document.createElement("h2");
  heading.textContent = appendix.heading;
  const note = document.createElement("p");
  note.textContent = appendix.note;
  section.append(heading, note);
  if (appendix.rows.length > 0) {
    const table = document.createElement("table");
    const head = document.createElement("tr");
    head.append(...appendix.columns.map((text) => cell("th", text)));
    table.append(head);
    for (const row of appendix.rows) {
      const tr = document.createElement("tr");
      tr.append(cell("td", row.name), cell("td", row.characters), cell("td", row.share));
      table.append(tr);
    }
    section.append(table);
  }
  return section;
}

/**
 * Prints `container` with the appendix after it. The section goes at `afterprint` (some
 * browsers return from print() before printing); one left by a print that never reported its
 * end is replaced by the next.
 */
export function printWithAuthorship(container: HTMLElement, appendix: AuthorshipAppendix): void {
  for (const old of container.querySelectorAll(":scope > .print-appendix")) old.remove();
  const section = authorshipSection(appendix);
  container.append(section);
  window.addEventListener("afterprint", () => section.remove(), { once: true });
  window.print();
}
