/**
 * @module contributions
 * Per-member figures for one doc. Characters are counted as Yjs counts them (UTF-16 units of
 * text) over all text in the doc; block boundaries and embeds are not characters.
 *
 * - inserted: characters they wrote (structs under a client id bound to them). Restored text
 *   is not new writing and counts for nobody here.
 * - surviving: characters of the current text credited to them (restored text included, to
 *   its original writer).
 * - deletedByThem: characters anyone wrote that records they sent deleted (their own included).
 * - removedByOthers: characters credited to them deleted by records other members sent; each
 *   removal counts, so text removed, restored and removed again counts twice.
 * - sessions, firstEditAt, lastEditAt: from the relay receive times of the records they sent.
 * - offline: records they sent that arrived as a connection's catch-up (`catchUp`): the relay
 *   knows they were written before that connection, not when.
 * - pastes: records they sent live whose text characters per update reach `largePasteChars`
 *   (so at least one update carried that many: writing does not do that).
 * Deletions the records do not cover (unknown deleter) count in neither deleted figure, nor
 * does text that arrived inside a block someone had already deleted (it was never visible).
 */
import type { ProvenanceRecord } from "@quire/core";
import { CURRENT, UNRECORDED_DELETE } from "./clock-index.ts";
import type { Author, DocHistory } from "./DocHistory.ts";
import { RunKind } from "./run-table.ts";
import { SESSION_GAP_MS, sessionsOf } from "./sessions.ts";

/**
 * An update carrying this many characters was not typed: a keystroke, an IME commit or an
 * autocorrect is a handful. 100 still catches pasting a sentence or two.
 */
export const DEFAULT_LARGE_PASTE_CHARS = 100;

export interface PasteEvent {
  seq: number;
  at: number;
  chars: number;
}

export interface Contribution extends Author {
  inserted: number;
  surviving: number;
  deletedByThem: number;
  removedByOthers: number;
  sessions: number;
  firstEditAt: number | null;
  lastEditAt: number | null;
  offlineRecords: number;
  offlineInserted: number;
  pastes: PasteEvent[];
}

export interface ContributionOptions {
  largePasteChars?: number;
  sessionGapMs?: number;
}

export function contributions(h: DocHistory, options: ContributionOptions = {}): Contribution[] {
  const pasteMin = options.largePasteChars ?? DEFAULT_LARGE_PASTE_CHARS;
  const byUser = new Map<string, Contribution>();
  const member = (a: Author): Contribution => {
    let c = byUser.get(a.userId);
    if (!c) {
      c = {
        userId: a.userId,
        name: a.name,
        inserted: 0,
        surviving: 0,
        deletedByThem: 0,
        removedByOthers: 0,
        sessions: 0,
        firstEditAt: null,
        lastEditAt: null,
        offlineRecords: 0,
        offlineInserted: 0,
        pastes: [],
      };
      byUser.set(a.userId, c);
    }
    return c;
  };
  for (const a of h.bindings.values()) member(a);

  const textPerRecord = new Map<number, number>();
  const t = h.runs;
  for (let i = 0; i < t.length; i++) {
    if (t.kind[i] !== RunKind.text) continue;
    const len = t.len[i] as number;
    const ins = t.ins[i] as number;
    const del = t.del[i] as number;
    const writer = h.authorOfClient(t.author[i] as number, ins);
    if (!t.copy[i]) {
      member(writer).inserted += len;
      textPerRecord.set(ins, (textPerRecord.get(ins) ?? 0) + len);
    }
    if (ins <= CURRENT && CURRENT < del) member(writer).surviving += len;
    else if (del < UNRECORDED_DELETE && ins < del) {
      // ins ≥ del: text that arrived inside a block already deleted was never in the doc.
      const deleter = h.senderOf(del);
      if (deleter) {
        member(deleter).deletedByThem += len;
        if (deleter.userId !== writer.userId) member(writer).removedByOthers += len;
      }
    }
  }

  const recordsByUser = new Map<string, ProvenanceRecord[]>();
  for (const r of h.records) {
    const c = member({ userId: r.userId, name: r.name });
    c.name = r.name; // the latest name the member's token stated
    c.firstEditAt = c.firstEditAt === null ? r.firstAt : Math.min(c.firstEditAt, r.firstAt);
    c.lastEditAt = c.lastEditAt === null ? r.lastAt : Math.max(c.lastEditAt, r.lastAt);
    const chars = textPerRecord.get(r.seq) ?? 0;
    if (r.catchUp) {
      c.offlineRecords++;
      c.offlineInserted += chars;
    } else if (chars > 0 && chars / Math.max(1, r.updates) >= pasteMin) {
      c.pastes.push({ seq: r.seq, at: r.firstAt, chars });
    }
    let list = recordsByUser.get(r.userId);
    if (!list) {
      list = [];
      recordsByUser.set(r.userId, list);
    }
    list.push(r);
  }
  for (const [userId, list] of recordsByUser) {
    const c = byUser.get(userId);
    if (c) c.sessions = sessionsOf(list, options.sessionGapMs ?? SESSION_GAP_MS).length;
  }
  return [...byUser.values()].sort((x, y) => x.name.localeCompare(y.name) || x.userId.localeCompare(y.userId));
}
