/**
 * @module table-markdown
 * GitHub-style Markdown tables (`| a | b |`, a `| --- |` line after a header row) for the
 * editor's TableNode. @lexical/markdown ships no table transformer; this follows the one in
 * Lexical's playground (MarkdownTransformers.ts). A cell's own Markdown stays on one line:
 * line breaks inside a cell are written as `\n`.
 */
import type { ElementTransformer, Transformer } from "@lexical/markdown";
import { $convertFromMarkdownString, $convertToMarkdownString } from "./markdown-converters.ts";
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  $isTableCellNode,
  $isTableNode,
  $isTableRowNode,
  TableCellHeaderStates,
  TableCellNode,
  TableNode,
  TableRowNode,
} from "@lexical/table";
import type { ElementNode, LexicalNode } from "lexical";

const ROW = /^\|(.+)\|\s?$/;
const DIVIDER = /^(\| ?:?-*:? ?)+\|\s?$/;

/** `cellTransformers` is the list used inside cells (the whole list, TABLE included). */
export function tableTransformer(cellTransformers: () => Transformer[]): ElementTransformer {
  const $cell = (text: string) => {
    const cell = $createTableCellNode(TableCellHeaderStates.NO_STATUS);
    $convertFromMarkdownString(text.trim().replace(/\\n/g, "\n"), cellTransformers(), cell);
    return cell;
  };
  const $cells = (line: string) => {
    const match = ROW.exec(line);
    return match?.[1] === undefined ? null : match[1].split("|").map($cell);
  };
  return {
    dependencies: [TableNode, TableRowNode, TableCellNode],
    export: (node: LexicalNode) => {
      if (!$isTableNode(node)) return null;
      const lines: string[] = [];
      node.getChildren().forEach((row, index) => {
        if (!$isTableRowNode(row)) return;
        const cells = row
          .getChildren()
          .filter($isTableCellNode)
          .map((cell) => $convertToMarkdownString(cellTransformers(), cell).replace(/\n/g, "\\n").replace(/\|/g, "\\|").trim());
        lines.push(`| ${cells.join(" | ")} |`);
        // Markdown tables need a header line; the first row is the header.
        if (index === 0) lines.push(`| ${cells.map(() => "---").join(" | ")} |`);
      });
      return lines.join("\n");
    },
    regExp: ROW,
    replace: (parent: ElementNode, _children, match) => {
      const previous = parent.getPreviousSibling();
      const line = match[0] ?? "";
      if (DIVIDER.test(line)) {
        if ($isTableNode(previous)) parent.remove();
        return;
      }
      const cells = $cells(line);
      if (cells === null) return;
      const row = $createTableRowNode();
      row.append(...cells);
      // Each line is its own paragraph at import: a row right after a table of as many columns joins it.
      if ($isTableNode(previous) && previous.getFirstChild<ElementNode>()?.getChildrenSize() === cells.length) {
        previous.append(row);
        parent.remove();
        return;
      }
      const table = $createTableNode();
      table.append(row);
      parent.replace(table);
    },
    type: "element",
  };
}
