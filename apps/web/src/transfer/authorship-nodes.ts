/**
 * @module authorship-nodes
 * The "Who wrote this" appendix as editor nodes (a heading, a note and a table), appended to
 * the headless editor an export reads — never to the document itself — so every format's
 * converter (DOCX, Markdown, HTML) writes it like the rest of the text.
 */
import { $createHeadingNode } from "@lexical/rich-text";
import { $createTableCellNode, $createTableNode, $createTableRowNode, TableCellHeaderStates } from "@lexical/table";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import type { AuthorshipAppendix } from "./authorship-appendix.ts";

function $row(cells: readonly string[], header: boolean) {
  const row = $createTableRowNode();
  for (const text of cells) {
    const cell = $createTableCellNode(header ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS);
    cell.append($createParagraphNode().append($createTextNode(text)));
    row.append(cell);
  }
  return row;
}

/** Appends the appendix at the end of the root (call inside `editor.update`). */
export function $appendAuthorship(appendix: AuthorshipAppendix): void {
  const root = $getRoot();
  root.append($createHeadingNode("h2").append($createTextNode(appendix.heading)));
  root.append($createParagraphNode().append($createTextNode(appendix.note)));
  if (appendix.rows.length === 0) return;
  const table = $createTableNode();
  table.append($row(appendix.columns, true));
  for (const row of appendix.rows) table.append($row([row.name, row.characters, row.share], false));
  root.append(table);
}
