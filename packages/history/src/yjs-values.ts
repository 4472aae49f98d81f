/**
 * @module yjs-values
 * Small readings of Yjs items that restore needs: an empty type like another, how much text a
 * type holds now, the value a map entry item carries, and text attribute bookkeeping in the
 * shape Y.Text's `format` takes (null removes a key).
 */
import * as Y from "yjs";
import type { YType } from "./run-table.ts";

export function emptyLike(t: YType): YType | null {
  if (t instanceof Y.XmlElement) return new Y.XmlElement(t.nodeName);
  if (t instanceof Y.XmlText) return new Y.XmlText();
  if (t instanceof Y.Text) return new Y.Text();
  if (t instanceof Y.XmlFragment) return new Y.XmlFragment();
  if (t instanceof Y.Array) return new Y.Array();
  if (t instanceof Y.Map) return new Y.Map();
  return null;
}

/** Characters of text currently inside a type (what deleting it removes). */
export function visibleTextLength(type: YType): number {
  let n = 0;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentString) n += item.length;
    else if (item.content instanceof Y.ContentType) n += visibleTextLength(item.content.type);
  }
  return n;
}

export function mapValue(item: Y.Item): unknown {
  const content = item.content.getContent();
  return content[content.length - 1];
}

export function setAttr(attrs: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null || value === undefined) attrs.delete(key);
  else attrs.set(key, value);
}

/** The format call turning `now` into `want` (null values remove keys), or null if equal. */
export function attributeChange(now: Map<string, unknown>, want: Map<string, unknown>): Record<string, unknown> | null {
  const change: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of want) {
    if (JSON.stringify(now.get(k)) !== JSON.stringify(v)) {
      change[k] = v;
      any = true;
    }
  }
  for (const k of now.keys()) {
    if (!want.has(k)) {
      change[k] = null;
      any = true;
    }
  }
  return any ? change : null;
}
