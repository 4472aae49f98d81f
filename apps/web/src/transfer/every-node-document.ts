/**
 * @module every-node-document
 * A test fixture: one document holding every node and text format Quire has (headings,
 * nested bulleted / numbered / check lists, a table with a header row, a picture, links,
 * bold / italic / underline / strike / inline code, a code block, a quote, a rule), built
 * through the same headless editor and Yjs binding the app uses. The export round-trip tests
 * (LibreOffice, mammoth) assert against `EVERY_NODE_EXPECTED`, so the document and what it
 * must keep are written in one place.
 */
import { $createCodeNode } from "@lexical/code";
import { $createLinkNode } from "@lexical/link";
import { $createListItemNode, $createListNode, type ListType } from "@lexical/list";
import { $createHorizontalRuleNode } from "@lexical/react/LexicalHorizontalRuleNode";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $createTableCellNode, $createTableNode, $createTableRowNode, TableCellHeaderStates } from "@lexical/table";
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode, type TextFormatType } from "lexical";
import * as Y from "yjs";
import { $createImageNode } from "../editor/ImageNode.tsx";
import { createHeadlessEditor, writeDoc } from "./headless-editor.ts";

/** A 4×3 red PNG (big enough that converters do not treat it as a spacer). */
export const FIXTURE_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGO4w8AARww4OQDTjwpRD8VS4AAAAABJRU5ErkJggg==";

export const EVERY_NODE_EXPECTED = {
  headings: ["Lab report", "Method", "Results in detail"],
  listItems: ["first bullet", "nested bullet", "deeper bullet", "step one", "step one point one", "step two", "buy flasks", "label flasks", "nested check"],
  tableCells: ["Name", "Score", "Ana", "12", "Ben", "15"],
  links: [
    { text: "the source", url: "https://example.org/source" },
    { text: "mail us", url: "mailto:class@example.org" },
  ],
  marked: { bold: "bold words", italic: "italic words", underline: "underlined words", strike: "struck words", code: "inlineCode()" },
  codeBlock: "let total = 0;",
  quote: "A quoted line",
  pictureAlt: "red sample",
} as const;

function $text(parent: ElementNode, text: string, format?: TextFormatType): void {
  const node = $createTextNode(text);
  if (format) node.toggleFormat(format);
  parent.append(node);
}

function $item(text: string, nested?: ElementNode, checked?: boolean) {
  const item = $createListItemNode(checked);
  item.append($createTextNode(text));
  const items = [item];
  if (nested) items.push($createListItemNode().append(nested));
  return items;
}

function $list(type: ListType, ...items: ReturnType<typeof $item>[]) {
  const list = $createListNode(type);
  for (const group of items) list.append(...group);
  return list;
}

function $appendEveryNode(): void {
  const root = $getRoot();
  const e = EVERY_NODE_EXPECTED;
  root.append($createHeadingNode("h1").append($createTextNode(e.headings[0])));
  const marks = $createParagraphNode();
  $text(marks, "Some ");
  $text(marks, e.marked.bold, "bold");
  $text(marks, ", ");
  $text(marks, e.marked.italic, "italic");
  $text(marks, ", ");
  $text(marks, e.marked.underline, "underline");
  $text(marks, ", ");
  $text(marks, e.marked.strike, "strikethrough");
  $text(marks, " and ");
  $text(marks, e.marked.code, "code");
  $text(marks, " with ");
  marks.append($createLinkNode(e.links[0].url).append($createTextNode(e.links[0].text)));
  $text(marks, " or ");
  marks.append($createLinkNode(e.links[1].url).append($createTextNode(e.links[1].text)));
  $text(marks, ".");
  root.append(marks);
  root.append($createHeadingNode("h2").append($createTextNode(e.headings[1])));
  const l = e.listItems;
  root.append($list("bullet", $item(l[0], $list("bullet", $item(l[1], $list("bullet", $item(l[2])))))));
  root.append($list("number", $item(l[3], $list("number", $item(l[4]))), $item(l[5])));
  root.append($list("check", $item(l[6], undefined, true), $item(l[7], $list("check", $item(l[8], undefined, false)), false)));
  root.append($createHeadingNode("h3").append($createTextNode(e.headings[2])));
  const table = $createTableNode();
  const c = e.tableCells;
  for (let r = 0; r < 3; r++) {
    const row = $createTableRowNode();
    for (let col = 0; col < 2; col++) {
      const cell = $createTableCellNode(r === 0 ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS);
      cell.append($createParagraphNode().append($createTextNode(c[r * 2 + col] ?? "")));
      row.append(cell);
    }
    table.append(row);
  }
  root.append(table);
  root.append($createParagraphNode().append($createImageNode(FIXTURE_PNG, e.pictureAlt)));
  root.append($createQuoteNode().append($createTextNode(e.quote)));
  root.append($createHorizontalRuleNode());
  root.append($createCodeNode().append($createTextNode(e.codeBlock)));
}

/** A new Yjs doc holding the fixture, written through the app's binding (as an import is). */
export function everyNodeDoc(): Y.Doc {
  const editor = createHeadlessEditor();
  editor.update($appendEveryNode, { discrete: true });
  const doc = new Y.Doc();
  writeDoc(doc, editor.getEditorState().toJSON());
  return doc;
}
