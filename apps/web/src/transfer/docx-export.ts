/**
 * @module docx-export
 * The document as a Word file (the `docx` package), built from the Lexical nodes: headings,
 * paragraphs, quotes, bulleted / numbered lists (nested), checklists, code blocks, tables,
 * horizontal rules, pictures and links, with bold/italic/underline/strike/code text.
 * Checklist items are bullets starting with "☐" / "☑": Word has no checklist paragraph, and
 * the symbols survive any converter (our import turns such a list back into a checklist).
 * Loaded in its own chunk (the `docx` package is large): see load-transfer.ts.
 */
import { $isCodeNode } from "@lexical/code";
import { $isListItemNode, $isListNode, type ListNode } from "@lexical/list";
import { $isHorizontalRuleNode } from "@lexical/react/LexicalHorizontalRuleNode";
import { $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $isTableCellNode, $isTableNode, $isTableRowNode, TableCellHeaderStates } from "@lexical/table";
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { $getRoot, $isElementNode, type ElementNode, type LexicalEditor, type LexicalNode } from "lexical";
import { $isImageNode } from "../editor/ImageNode.tsx";
import { $inlineRuns, CODE_FONT, pictureRun } from "./docx-runs.ts";

type Block = Paragraph | Table;

const HEADINGS = {
  h1: HeadingLevel.HEADING_1,
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
} as const;

const BULLETS = "quire-bullets";
const NUMBERS = "quire-numbers";
/** The editor allows 6 levels of indentation (TabIndentationPlugin), so 7 list levels. */
const LEVELS = 7;

function levels(format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) {
  return Array.from({ length: LEVELS }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Counts numbered lists, so each starts again at 1 (a numbering instance per list). */
interface Context {
  numberedLists: number;
}

function $listBlocks(list: ListNode, level: number, context: Context): Block[] {
  const blocks: Block[] = [];
  const type = list.getListType();
  const instance = type === "number" ? ++context.numberedLists : 0;
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().filter($isListNode);
    const inline = item.getChildren().filter((child) => !$isListNode(child));
    // Lexical keeps a nested list in an item of its own; an item with only a list adds no bullet.
    if (inline.length > 0 || nested.length === 0) {
      const box = type === "check" ? [new TextRun({ text: item.getChecked() ? "☑ " : "☐ " })] : [];
      blocks.push(
        new Paragraph({
          children: [...box, ...$inlineRuns(inline)],
          numbering: type === "number" ? { reference: NUMBERS, level, instance } : { reference: BULLETS, level },
        }),
      );
    }
    for (const child of nested) blocks.push(...$listBlocks(child, Math.min(level + 1, LEVELS - 1), context));
  }
  return blocks;
}

function $codeBlock(node: ElementNode): Paragraph {
  return new Paragraph({
    children: $inlineRuns(node.getChildren(), { code: true }),
    shading: { type: ShadingType.CLEAR, fill: "F3F3F3", color: "auto" },
  });
}

function $tableBlock(node: ElementNode, context: Context): Table | null {
  const rows = node.getChildren().filter($isTableRowNode);
  if (rows.length === 0) return null;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, index) =>
        new TableRow({
          tableHeader: index === 0 && row.getChildren().some((cell) => $isTableCellNode(cell) && cell.getHeaderStyles() !== TableCellHeaderStates.NO_STATUS),
          children: row
            .getChildren()
            .filter($isTableCellNode)
            .map((cell) => {
              const inner = $blocks(cell.getChildren(), context).filter((block): block is Paragraph => block instanceof Paragraph);
              return new TableCell({ children: inner.length > 0 ? inner : [new Paragraph("")] });
            }),
        }),
    ),
  });
}

function $blocks(nodes: LexicalNode[], context: Context): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if ($isHeadingNode(node)) {
      blocks.push(new Paragraph({ heading: HEADINGS[node.getTag()], children: $inlineRuns(node.getChildren()) }));
    } else if ($isQuoteNode(node)) {
      blocks.push(new Paragraph({ style: "Quote", children: $inlineRuns(node.getChildren()) }));
    } else if ($isListNode(node)) {
      blocks.push(...$listBlocks(node, 0, context));
    } else if ($isCodeNode(node)) {
      blocks.push($codeBlock(node));
    } else if ($isTableNode(node)) {
      const table = $tableBlock(node, context);
      if (table) blocks.push(table, new Paragraph(""));
    } else if ($isHorizontalRuleNode(node)) {
      blocks.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } }));
    } else if ($isImageNode(node)) {
      const run = pictureRun(node.getSrc(), node.__altText);
      if (run) blocks.push(new Paragraph({ children: [run] }));
    } else if ($isElementNode(node)) {
      blocks.push(new Paragraph({ children: $inlineRuns(node.getChildren()) as ParagraphChild[] }));
    }
  }
  return blocks;
}

/** The document as a .docx file. */
export async function exportDocx(editor: LexicalEditor, title: string): Promise<Uint8Array> {
  const children = editor.read(() => $blocks($getRoot().getChildren(), { numberedLists: 0 }));
  const document = new Document({
    title,
    creator: "Quire",
    styles: {
      paragraphStyles: [
        { id: "Quote", name: "Quote", basedOn: "Normal", run: { italics: true, color: "555555" }, paragraph: { indent: { left: 720 } } },
      ],
      characterStyles: [{ id: "Code", name: "Code", run: { font: CODE_FONT } }],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: levels(LevelFormat.BULLET, (level) => ["•", "◦", "▪"][level % 3] ?? "•") },
        { reference: NUMBERS, levels: levels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
      ],
    },
    sections: [{ children: children.length > 0 ? children : [new Paragraph("")] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
