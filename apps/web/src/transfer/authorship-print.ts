/**
 * @module authorship-print
 * "Who wrote this" on paper / PDF: the print stylesheet prints the document on screen, so the
 * appendix is a section added after it for the print only (`.print-appendix`, hidden on
 * screen: print.css) and removed once the print dialog closed. Built with DOM calls and
 * `textContent` only: member names are other people's input.
 */
import type { AuthorshipAppendix } from "./authorship-appendix.ts";

function cell(tag: "th" | "td", text: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

/** The appendix as a `<section>` for the print. */
export function authorshipSection(appendix: AuthorshipAppendix): HTMLElement {
  const section = document.createElement("section");
  section.className = "print-appendix";
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
 * end is hidden on screen and replaced by the next.
 */
export function printWithAuthorship(container: HTMLElement, appendix: AuthorshipAppendix): void {
  for (const old of container.querySelectorAll(":scope > .print-appendix")) old.remove();
  const section = authorshipSection(appendix);
  container.append(section);
  window.addEventListener("afterprint", () => section.remove(), { once: true });
  window.print();
}
