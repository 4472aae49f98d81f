/**
 * @module random-edits
 * Seeded random edits of the shapes a Quire document has: rich text with formatting and
 * embedded paragraphs/nodes (Y.XmlText holding Y.XmlText and Y.Map, as the Lexical binding
 * stores them), a key/value map, and lists of lists (tables). Inserted text is tagged with the
 * editing client and a counter so a missing character names its author.
 */
import type { PRNG } from "lib0/prng";
import * as prng from "lib0/prng";
import * as Y from "yjs";
import { ROOTS } from "./doc-state.ts";

const FORMATS = ["bold", "italic", "underline", "code"] as const;

/** Counts per edit kind, for the report. */
export type EditKind =
  | "text-insert"
  | "text-delete"
  | "text-format"
  | "embed-paragraph"
  | "embed-node"
  | "nested-text"
  | "node-prop"
  | "map-set"
  | "map-delete"
  | "list-insert"
  | "list-delete"
  | "table-cell";

/** Applies one random edit to `doc` in one transaction and returns its kind. */
export function randomEdit(doc: Y.Doc, rng: PRNG, tag: string): EditKind {
  const root = doc.get(ROOTS.text, Y.XmlText);
  const roll = prng.int32(rng, 0, 99);
  let kind: EditKind = "text-insert";
  doc.transact(() => {
    if (roll < 30) {
      kind = "text-insert";
      insertText(root, rng, tag);
    } else if (roll < 42) {
      kind = "text-delete";
      deleteRange(root, rng);
    } else if (roll < 52) {
      kind = "text-format";
      formatRange(root, rng);
    } else if (roll < 57) {
      kind = "embed-paragraph";
      const paragraph = new Y.XmlText();
      root.insertEmbed(prng.int32(rng, 0, root.length), paragraph, { __type: "paragraph" });
      paragraph.insert(0, `¶${tag}`);
    } else if (roll < 61) {
      kind = "embed-node";
      const node = new Y.Map<unknown>();
      root.insertEmbed(prng.int32(rng, 0, root.length), node);
      node.set("__type", prng.oneOf(rng, ["image", "linebreak", "table"]));
      node.set("src", `img-${tag}`);
    } else if (roll < 71) {
      const nested = pickEmbed(root, rng, Y.XmlText);
      kind = "nested-text";
      if (nested) insertText(nested, rng, tag);
      else insertText(root, rng, tag);
    } else if (roll < 75) {
      const node = pickEmbed(root, rng, Y.Map);
      kind = "node-prop";
      if (node) node.set(prng.oneOf(rng, ["alt", "width", "__format"]), prng.int32(rng, 0, 1000));
      else formatRange(root, rng);
    } else if (roll < 82) {
      kind = "map-set";
      doc.getMap(ROOTS.map).set(`k${prng.int32(rng, 0, 7)}`, prng.bool(rng) ? tag : { by: tag, n: prng.int32(rng, 0, 9) });
    } else if (roll < 85) {
      kind = "map-delete";
      doc.getMap(ROOTS.map).delete(`k${prng.int32(rng, 0, 7)}`);
    } else if (roll < 91) {
      kind = "list-insert";
      const list = doc.getArray<unknown>(ROOTS.array);
      const row = new Y.Array<string>();
      row.push([`${tag}a`, `${tag}b`]);
      list.insert(prng.int32(rng, 0, list.length), [prng.bool(rng) ? tag : row]);
    } else if (roll < 94) {
      kind = "list-delete";
      const list = doc.getArray<unknown>(ROOTS.array);
      if (list.length > 0) {
        const at = prng.int32(rng, 0, list.length - 1);
        list.delete(at, prng.int32(rng, 1, Math.min(2, list.length - at)));
      }
    } else {
      kind = "table-cell";
      const list = doc.getArray<unknown>(ROOTS.array);
      const rows = list.toArray().filter((item): item is Y.Array<string> => item instanceof Y.Array);
      const row = rows.length > 0 ? prng.oneOf(rng, rows) : null;
      if (row) {
        if (row.length > 0 && prng.bool(rng)) row.delete(prng.int32(rng, 0, row.length - 1), 1);
        row.insert(prng.int32(rng, 0, row.length), [tag]);
      } else list.push([tag]);
    }
  });
  return kind;
}

function insertText(text: Y.XmlText, rng: PRNG, tag: string): void {
  const at = prng.int32(rng, 0, text.length);
  const content = prng.bool(rng) ? `${tag} ` : `${tag}${prng.word(rng, 1, 6)}`;
  if (prng.int32(rng, 0, 3) === 0) text.insert(at, content, { [prng.oneOf(rng, [...FORMATS])]: true });
  else text.insert(at, content);
}

function deleteRange(text: Y.XmlText, rng: PRNG): void {
  if (text.length === 0) return;
  const at = prng.int32(rng, 0, text.length - 1);
  text.delete(at, prng.int32(rng, 1, Math.min(8, text.length - at)));
}

function formatRange(text: Y.XmlText, rng: PRNG): void {
  if (text.length === 0) return;
  const at = prng.int32(rng, 0, text.length - 1);
  const format = prng.oneOf(rng, [...FORMATS]);
  text.format(at, prng.int32(rng, 1, Math.min(10, text.length - at)), { [format]: prng.bool(rng) ? true : null });
}

function pickEmbed<T extends Y.XmlText | Y.Map<unknown>>(
  root: Y.XmlText,
  rng: PRNG,
  type: new () => T,
): T | null {
  const embeds = root
    .toDelta()
    .map((op: { insert: unknown }) => op.insert)
    .filter((insert: unknown): insert is T => insert instanceof type);
  return embeds.length > 0 ? prng.oneOf(rng, embeds) : null;
}
