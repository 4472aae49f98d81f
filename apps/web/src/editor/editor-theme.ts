/**
 * @module editor-theme
 * Maps Lexical node types to the CSS classes in styles/editor.css.
 */
import type { EditorThemeClasses } from "lexical";

export const EDITOR_THEME: EditorThemeClasses = {
  paragraph: "ed-p",
  quote: "ed-quote",
  heading: { h1: "ed-h1", h2: "ed-h2", h3: "ed-h3" },
  list: {
    ul: "ed-ul",
    ol: "ed-ol",
    listitem: "ed-li",
    listitemChecked: "ed-li-checked",
    listitemUnchecked: "ed-li-unchecked",
    nested: { listitem: "ed-li-nested" },
    checklist: "ed-checklist",
  },
  link: "ed-link",
  text: {
    bold: "ed-bold",
    italic: "ed-italic",
    underline: "ed-underline",
    strikethrough: "ed-strike",
    underlineStrikethrough: "ed-underline-strike",
    code: "ed-code",
  },
  code: "ed-codeblock",
  table: "ed-table",
  tableCell: "ed-td",
  tableCellHeader: "ed-th",
  tableRow: "ed-tr",
  tableSelection: "ed-table-selection",
  hr: "ed-hr",
  image: "ed-image",
};
