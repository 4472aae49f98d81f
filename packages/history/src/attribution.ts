/**
 * @module attribution
 * Who wrote each character of a version (by default the current text): the user bound to the
 * Yjs client id of the struct that holds it, or, for restored text, of the struct it was
 * restored from. Returned as runs over the same text `versionText` renders, so run `text`s
 * joined give exactly that text; block starts ("\n") have no author.
 */
import type { Author, DocHistory, VersionRef } from "./DocHistory.ts";
import { RunKind } from "./run-table.ts";

export interface AttributedRun {
  text: string;
  /** null for block starts. */
  author: Author | null;
  /** Offset of the run in the version's text (UTF-16 units, as Yjs and JS strings count). */
  from: number;
}

export function attribution(h: DocHistory, version: VersionRef = "current"): AttributedRun[] {
  const s = h.seqOf(version);
  const t = h.runs;
  const out: AttributedRun[] = [];
  let offset = 0;
  let started = false;
  for (let i = 0; i < t.length; i++) {
    const kind = t.kind[i];
    if (kind === RunKind.format || kind === RunKind.scope) continue;
    const ins = t.ins[i] as number;
    if (!(ins <= s && s < (t.del[i] as number))) continue;
    if (kind === RunKind.block && !started) {
      started = true;
      continue;
    }
    started = true;
    const text = t.text[i] as string;
    const author = kind === RunKind.block ? null : h.authorOfClient(t.author[i] as number, ins);
    const last = out[out.length - 1];
    if (last && (last.author === author || (last.author && author && last.author.userId === author.userId))) {
      last.text += text;
    } else out.push({ text, author, from: offset });
    offset += text.length;
  }
  return out;
}
