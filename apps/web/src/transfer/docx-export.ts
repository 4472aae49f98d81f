/**
 * @module docx-export
 * The document as a Word file (the `docx` package), built from the Lexical nodes: headings,
 * paragraphs, quotes, bulleted / numbered lists (nested), checklists, code blocks, tables,
 * horizontal rules, pictures and links, with bold/italic/underline/strike/code text.
 * Checklist items are bullets starting with "☐" / "☑": Word has no checklist paragraph, and
 * the symbols survive any converter (our import turns such a list back into a checklist).
 * Works on the serialized editor state (see docx-runs.ts for why not on Lexical nodes).
 * Loaded in its own chunk (the `docx` package is large): see load-transfer.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { SerializedEditorState } from "lexical";
import { CODE_FONT, inlineRuns, type JsonNode, pictureRun } from "./docx-runs.ts";

type Block = Paragraph | Table;

const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  h1: HeadingLevel.HEADING_1,
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
};

const BULLETS = "quire-bullets";
const NUMBERS = "quire-numbers";
/**
 * Checklists get a numbering of their own: Word (and mammoth) joins consecutive paragraphs of
 * one numbering into one list, so a checklist right after a bulleted list would merge into it.
 * Its "bullet" is an en space: the item's ☐ / ☑ is the visible box.
 */
const CHECKS = "quire-checks";
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

/**
 * `parentInstance` is the numbering instance of the numbered list this one is nested in. A
 * numbered list inside a numbered list shares its instance: Word restarts a deeper level after
 * each item above it anyway, and a new instance for the nested list made LibreOffice end the
 * outer list there (its next item started a new list at "2.").
 */
function listBlocks(list: JsonNode, level: number, context: Context, parentInstance = 0): Block[] {
  const blocks: Block[] = [];
  const type = list.listType;
  const instance = type === "number" ? parentInstance || ++context.numberedLists : 0;
  for (const item of list.children ?? []) {
    if (item.type !== "listitem") continue;
    const nested = (item.children ?? []).filter((child) => child.type === "list");
    const inline = (item.children ?? []).filter((child) => child.type !== "list");
    // Lexical keeps a nested list in an item of its own; an item with only a list adds no bullet.
    if (inline.length > 0 || nested.length === 0) {
      const box = type === "check" ? [new TextRun({ text: item.checked === true ? "☑ " : "☐ " })] : [];
      blocks.push(
        new Paragraph({
          children: [...box, ...inlineRuns(inline)],
          numbering: type === "number" ? { reference: NUMBERS, level, instance } : { reference: type === "check" ? CHECKS : BULLETS, level },
        }),
      );
    }
    for (const child of nested) blocks.push(...listBlocks(child, Math.min(level + 1, LEVELS - 1), context, instance));
  }
  return blocks;
}

function tableBlock(node: JsonNode, context: Context): Table | null {
  const rows = (node.children ?? []).filter((row) => row.type === "tablerow");
  if (rows.length === 0) return null;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, index) =>
        new TableRow({
          tableHeader: index === 0 && (row.children ?? []).some((cell) => (cell.headerState ?? 0) !== 0),
          children: (row.children ?? [])
            .filter((cell) => cell.type === "tablecell")
            .map((cell) => {
              const inner = blocks(cell.children ?? [], context).filter((block): block is Paragraph => block instanceof Paragraph);
              return new TableCell({ children: inner.length > 0 ? inner : [new Paragraph("")] });
            }),
        }),
    ),
  });
}

function blocks(nodes: readonly JsonNode[], context: Context): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        out.push(new Paragraph({ heading: HEADINGS[node.tag ?? "h1"] ?? HeadingLevel.HEADING_1, children: inlineRuns(node.children) }));
        break;
      case "quote":
        out.push(new Paragraph({ style: "Quote", children: inlineRuns(node.children) }));
        break;
      case "list":
        out.push(...listBlocks(node, 0, context));
        break;
      case "code":
        out.push(new Paragraph({ children: inlineRuns(node.children, { code: true }), shading: { type: ShadingType.CLEAR, fill: "F3F3F3", color: "auto" } }));
        break;
      case "table": {
        const table = tableBlock(node, context);
        if (table) out.push(table, new Paragraph(""));
        break;
      }
      case "horizontalrule":
        out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } }));
        break;
      case "quire-image": {
        const run = pictureRun(node.src ?? "", node.altText ?? "");
        if (run) out.push(new Paragraph({ children: [run] }));
        break;
      }
      default:
        if (node.children) out.push(new Paragraph({ children: inlineRuns(node.children) }));
    }
  }
  return out;
}

/** The document as a .docx file. */
export async function exportDocx(state: SerializedEditorState, title: string): Promise<Uint8Array> {
  const children = blocks(state.root.children as unknown as JsonNode[], { numberedLists: 0 });
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
        { reference: CHECKS, levels: levels(LevelFormat.BULLET, () => "\u2002") },
      ],
    },
    sections: [{ children: children.length > 0 ? children : [new Paragraph("")] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
