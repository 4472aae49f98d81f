/**
 * @module diff
 * What changed between any two versions (not only adjacent ones), over all text in the doc, in
 * document order: text kept, inserted, deleted, or kept but formatted differently, each with
 * who wrote it and who made the change.
 *
 * Deleted text sits where it stood, so the segments read as one merged document (what a
 * "compare" view shows with strike-through). "\n" segments are block starts (a new paragraph
 * inserted shows as an inserted "\n"). Formatting compares the text attributes in force at
 * each version (Lexical v2 keeps format/style in them), ignoring `i`, which @lexical/yjs
 * writes only to keep neighbouring text nodes apart.
 */
import type { Author, DocHistory, VersionRef } from "./DocHistory.ts";
import { RunKind } from "./run-table.ts";

export type DiffKind = "same" | "inserted" | "deleted" | "formatted";

export interface DiffSegment {
  kind: DiffKind;
  text: string;
  /** Who wrote this text (the original writer for restored text); null for block starts. */
  author: Author | null;
  /** Who made the change: inserter, deleter or formatter; null for "same" or when unknown. */
  by: Author | null;
}

const IGNORED_ATTRIBUTE = "i";

export function diffVersions(h: DocHistory, from: VersionRef, to: VersionRef): DiffSegment[] {
  const a = h.seqOf(from);
  const b = h.seqOf(to);
  const t = h.runs;
  const out: DiffSegment[] = [];
  // Attributes in force at each version within the current text type, and the record that set
  // each key at `b` (who formatted).
  let attrsA = new Map<string, string>();
  let attrsB = new Map<string, string>();
  let setByB = new Map<string, number>();
  let startedA = false;
  let startedB = false;

  const push = (kind: DiffKind, text: string, author: Author | null, by: Author | null) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind && sameAuthor(last.author, author) && sameAuthor(last.by, by)) last.text += text;
    else out.push({ kind, text, author, by });
  };

  for (let i = 0; i < t.length; i++) {
    const kind = t.kind[i] as RunKind;
    const ins = t.ins[i] as number;
    const del = t.del[i] as number;
    const inA = ins <= a && a < del;
    const inB = ins <= b && b < del;
    if (kind === RunKind.scope) {
      attrsA = new Map();
      attrsB = new Map();
      setByB = new Map();
      continue;
    }
    if (kind === RunKind.format) {
      const key = t.key[i] as string;
      const value = t.text[i] as string;
      if (inA) setAttr(attrsA, key, value);
      if (inB) {
        setAttr(attrsB, key, value);
        setByB.set(key, ins);
      }
      continue;
    }
    if (!inA && !inB) continue;
    // Each side's text starts without a newline (as in versionText): a block start shows only on
    // the sides where text came before it.
    const showA = inA && (kind !== RunKind.block || startedA);
    const showB = inB && (kind !== RunKind.block || startedB);
    startedA ||= inA;
    startedB ||= inB;
    const text = t.text[i] as string;
    const author = kind === RunKind.block ? null : h.authorOfClient(t.author[i] as number, ins);
    if (showA && showB) {
      const changedKey = kind === RunKind.text ? firstDifference(attrsA, attrsB) : null;
      if (changedKey === null) push("same", text, author, null);
      else {
        const seq = setByB.get(changedKey);
        // A key set at `a` and removed by `b` has no format item at `b`; who removed it is unknown.
        push("formatted", text, author, seq === undefined ? null : h.senderOf(seq));
      }
    } else if (showB) push("inserted", text, author, inA ? null : h.senderOf(ins));
    else if (showA) push("deleted", text, author, inB ? null : h.senderOf(del));
  }
  return out;
}

function setAttr(attrs: Map<string, string>, key: string, value: string): void {
  if (value === "null") attrs.delete(key);
  else attrs.set(key, value);
}

function firstDifference(x: Map<string, string>, y: Map<string, string>): string | null {
  for (const [k, v] of x) if (k !== IGNORED_ATTRIBUTE && y.get(k) !== v) return k;
  for (const [k, v] of y) if (k !== IGNORED_ATTRIBUTE && x.get(k) !== v) return k;
  return null;
}

function sameAuthor(x: Author | null, y: Author | null): boolean {
  return x === y || (x !== null && y !== null && x.userId === y.userId && x.name === y.name);
}
