/**
 * @module run-table
 * The whole doc, every item ever written (gc is off), flattened once into runs in document
 * order: text runs, element boundaries and format marks, each with the record that inserted
 * it, the record that deleted it and the client whose writing it is. Versions, diffs,
 * attribution and contributions are then integer comparisons over runs: no per-character
 * objects, no Yjs walk per question (issue 12's budgets: ≤ 300 ms per view, ≤ 50 ms per step).
 *
 * Document order is Yjs's: top-level types by name, then each type's item list, descending
 * into nested types where they sit. Quire's editor (@lexical/yjs v2, `root-v2`) writes one
 * XmlElement per block and one XmlText per run of sibling text nodes, formats as attributes.
 * (A v1-binding doc, an XmlText tree, is walked and counted the same way, but its paragraphs
 * are nested XmlTexts, so its rendered text has no block newlines.)
 *
 * Invariants:
 * - A unit is visible at version `s` iff `ins ≤ s < del`. A unit inside a nested type is
 *   bounded by its ancestors: inserted no earlier and deleted no later than they are (Yjs
 *   deletes content inserted concurrently into a deleted type, without a delete set saying so).
 * - `author` is the client id whose writing the run is: for restored text, the original
 *   writer's (origin map), otherwise the struct's own client.
 */
import * as Y from "yjs";
import type { ClockIndex } from "./clock-index.ts";
import { NOT_DELETED, UNRECORDED_INSERT } from "./clock-index.ts";
import { ORIGIN_MAP_NAME, type OriginIndex } from "./origin-map.ts";

/** Any Yjs shared type (the parameter is its event type, irrelevant to a history walk). */
// biome-ignore lint/suspicious/noExplicitAny: Yjs's own d.ts types AbstractType's parameter loosely
export type YType = Y.AbstractType<any>;

export const RunKind = { text: 0, embed: 1, block: 2, format: 3, scope: 4 } as const;
export type RunKind = (typeof RunKind)[keyof typeof RunKind];

/**
 * Elements that sit inside a line (Lexical inline nodes): entering them starts no new line.
 * Every other element (paragraph, heading, list item, linebreak…) starts one.
 */
const INLINE_ELEMENTS = new Set(["link", "autolink", "mark", "hashtag", "image", "text"]);

export interface RunTable {
  length: number;
  kind: RunKind[];
  /** Struct id of the run's first unit. */
  client: number[];
  clock: number[];
  len: number[];
  ins: number[];
  del: number[];
  /** Client id credited with writing it (origin of restored text). */
  author: number[];
  /** Text of text runs, "\n" for blocks, "\uFFFC" per embed unit, the JSON of a format value. */
  text: string[];
  /** Format key for format runs, "" otherwise. */
  key: string[];
  /** True for restored text: new structs whose writing is someone else's (see origin-map). */
  copy: boolean[];
}

function emptyTable(): RunTable {
  return { length: 0, kind: [], client: [], clock: [], len: [], ins: [], del: [], author: [], text: [], key: [], copy: [] };
}

export function buildRunTable(doc: Y.Doc, clocks: ClockIndex, origins: OriginIndex): RunTable {
  const t = emptyTable();
  const push = (kind: RunKind, client: number, clock: number, len: number, ins: number, del: number, author: number, text: string, key: string, copy = false) => {
    t.kind.push(kind);
    t.client.push(client);
    t.clock.push(clock);
    t.len.push(len);
    t.ins.push(ins);
    t.del.push(del);
    t.author.push(author);
    t.text.push(text);
    t.key.push(key);
    t.copy.push(copy);
    t.length++;
  };

  const walk = (type: YType, boundIns: number, boundDel: number) => {
    for (let item = type._start; item !== null; item = item.right) {
      const { client, clock } = item.id;
      const content = item.content;
      if (content instanceof Y.ContentDeleted) continue; // no content left to show or count
      const segs = clocks.segments(client, clock, item.length, item.deleted);
      if (content instanceof Y.ContentType) {
        const seg = segs[0];
        if (!seg) continue;
        const ins = Math.max(seg.insSeq, boundIns);
        const del = Math.min(seg.delSeq, boundDel);
        const child = content.type;
        if (child instanceof Y.XmlElement && !INLINE_ELEMENTS.has(child.nodeName)) {
          push(RunKind.block, client, clock, 1, ins, del, client, "\n", "");
        }
        if (child instanceof Y.Text) push(RunKind.scope, client, clock, 0, UNRECORDED_INSERT, NOT_DELETED, client, "", "");
        walk(child, ins, del);
        continue;
      }
      for (const seg of segs) {
        const ins = Math.max(seg.insSeq, boundIns);
        const del = Math.min(seg.delSeq, boundDel);
        const off = seg.clock - clock;
        if (content instanceof Y.ContentString) {
          // Split further where restored text changes origin, so `author` is uniform per run.
          let at = 0;
          while (at < seg.len) {
            const o = origins.resolve(client, seg.clock + at, seg.len - at);
            const text = content.str.slice(off + at, off + at + o.len);
            const claimed = o.client !== client || o.clock !== seg.clock + at;
            // Credit moves only to text that really is the same (see origin-map).
            const copy = claimed && originText(doc, o.client, o.clock, o.len) === text;
            push(RunKind.text, client, seg.clock + at, o.len, ins, del, copy ? o.client : client, text, "", copy);
            at += o.len;
          }
        } else if (content instanceof Y.ContentFormat) {
          push(RunKind.format, client, seg.clock, seg.len, ins, del, client, JSON.stringify(content.value ?? null), content.key);
        } else if (content.isCountable()) {
          push(RunKind.embed, client, seg.clock, seg.len, ins, del, client, "\uFFFC".repeat(seg.len), "");
        }
      }
    }
  };

  const names = [...doc.share.keys()].filter((n) => n !== ORIGIN_MAP_NAME).sort();
  for (const name of names) {
    const type = doc.share.get(name);
    if (!type) continue;
    push(RunKind.scope, 0, 0, 0, UNRECORDED_INSERT, NOT_DELETED, 0, "", "");
    walk(type, UNRECORDED_INSERT, NOT_DELETED);
  }
  return t;
}

/** The text of `len` units of `client` from `clock`, or null where they are not all text. */
function originText(doc: Y.Doc, client: number, clock: number, len: number): string | null {
  const structs = doc.store.clients.get(client);
  if (!structs || clock + len > Y.getState(doc.store, client)) return null;
  let out = "";
  let at = clock;
  for (let i = Y.findIndexSS(structs, clock); at < clock + len; i++) {
    const it = structs[i];
    if (!(it instanceof Y.Item) || !(it.content instanceof Y.ContentString)) return null;
    const off = at - it.id.clock;
    const take = Math.min(it.length - off, clock + len - at);
    out += it.content.str.slice(off, off + take);
    at += take;
  }
  return out;
}

/** Whether run `i` is part of the doc at version `s` (see the module invariant). */
export function visibleAt(t: RunTable, i: number, s: number): boolean {
  return (t.ins[i] as number) <= s && s < (t.del[i] as number);
}
