/**
 * @module history-model
 * View models of the history panel, without React or the DOM: which record a version stands
 * for, the timeline grouped into sessions, diff and attribution runs cut into paragraphs, the
 * legend, the replay positions, an activity chart's bars, and where a device's "while you
 * were away" comparison starts. Everything here is a pure function of the relay's answers and
 * the history library's output, so it is unit-tested in history-model.test.ts.
 */
import type { ProvenanceRecord } from "@quire/core";
import type { Author, DiffKind, Session } from "@quire/history";
import { SESSION_GAP_MS } from "@quire/history";
import type { VersionInfo } from "@quire/client";

/**
 * The record seq a version stands for: the relay's own `seq` when it sends one, else the last
 * record the relay had accepted by the version's time (records are numbered in the order they
 * were accepted, and a version is taken after them). Before any record: one less than the
 * first seq, which shows an empty document.
 */
export function seqOfVersion(version: Pick<VersionInfo, "at" | "seq">, records: readonly ProvenanceRecord[]): number {
  if (version.seq !== undefined) return version.seq;
  let seq = (records[0]?.seq ?? 1) - 1;
  for (const r of records) {
    if (r.lastAt <= version.at) seq = Math.max(seq, r.seq);
  }
  return seq;
}

export interface TimelineGroup {
  /** The editing session the versions belong to (null: taken outside any session). */
  session: Session | null;
  /** Newest first. */
  versions: VersionInfo[];
}

/**
 * Versions grouped under the session they close (a version taken up to SESSION_GAP_MS after
 * a session's last edit belongs to it), newest session first. Sessions without a version
 * still show, so a sitting that left no checkpoint is not hidden from the teacher.
 */
export function timelineGroups(versions: readonly VersionInfo[], sessions: readonly Session[], gapMs = SESSION_GAP_MS): TimelineGroup[] {
  const groups: TimelineGroup[] = sessions.map((session) => ({ session, versions: [] }));
  const loose: TimelineGroup[] = [];
  for (const v of versions) {
    let home: TimelineGroup | undefined;
    for (const g of groups) {
      if (g.session && v.at >= g.session.start && v.at < g.session.end + gapMs) home = g;
    }
    if (home) home.versions.push(v);
    else loose.push({ session: null, versions: [v] });
  }
  const startOf = (g: TimelineGroup) => g.session?.start ?? g.versions[0]?.at ?? 0;
  const all = [...groups, ...loose].sort((a, b) => startOf(b) - startOf(a));
  for (const g of all) g.versions.sort((a, b) => b.at - a.at);
  return all;
}

export interface Span {
  kind: DiffKind;
  text: string;
  author: Author | null;
  by: Author | null;
}

/**
 * Runs of text (diff segments or attribution runs) cut into paragraphs at the "\n" block
 * starts the library emits. An inserted or deleted block start marks the paragraph after it
 * (`kind`), so a whole new or removed paragraph can be drawn as such.
 */
export function paragraphs(runs: readonly Span[]): { kind: DiffKind; spans: Span[] }[] {
  const out: { kind: DiffKind; spans: Span[] }[] = [{ kind: "same", spans: [] }];
  for (const run of runs) {
    const pieces = run.text.split("\n");
    pieces.forEach((piece, i) => {
      if (i > 0) out.push({ kind: run.kind === "formatted" ? "same" : run.kind, spans: [] });
      if (piece.length > 0) out[out.length - 1]?.spans.push({ ...run, text: piece });
    });
  }
  // The library writes no newline before the first block, so a leading empty paragraph only
  // appears when the text itself is empty.
  return out;
}

/** Everyone who wrote or changed something in `runs`, once each, in order of appearance. */
export function legendOf(runs: readonly Span[], includeBy = true): Author[] {
  const seen = new Map<string, Author>();
  for (const r of runs) {
    for (const a of includeBy ? [r.author, r.by] : [r.author]) {
      if (a && !seen.has(a.userId)) seen.set(a.userId, a);
    }
  }
  return [...seen.values()];
}

/** Counts of what a diff changed, for the compare view's summary line. */
export function diffCounts(runs: readonly Span[]): { inserted: number; deleted: number; formatted: number } {
  const counts = { inserted: 0, deleted: 0, formatted: 0 };
  for (const r of runs) {
    if (r.kind === "same") continue;
    counts[r.kind] += r.text.replace(/\n/g, "").length;
  }
  return counts;
}

/**
 * Bars of a member's activity chart: characters their records brought (by bytes when the
 * records carry no text count) per equal slice of the document's whole history.
 */
export function activityBars(records: readonly ProvenanceRecord[], userId: string, bars = 24): number[] {
  const out = new Array<number>(bars).fill(0);
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) return out;
  const start = Math.min(...records.map((r) => r.firstAt));
  const end = Math.max(...records.map((r) => r.lastAt));
  const width = Math.max(1, end - start + 1);
  for (const r of records) {
    if (r.userId !== userId) continue;
    const units = r.inserts.reduce((n, x) => n + x.len, 0) + r.deletes.reduce((n, x) => n + x.len, 0);
    const slot = Math.min(bars - 1, Math.floor(((r.firstAt - start) / width) * bars));
    out[slot] = (out[slot] ?? 0) + units;
  }
  return out;
}

/**
 * Where "while you were away" compares from: the longest prefix of records whose inserted
 * structs this device already had when it went offline (`seenBefore`: its state vector then),
 * i.e. the document as the device last saw it, measured in the relay's own order rather than
 * by comparing clocks of two machines. Returns one less than the first seq when it had none.
 */
export function awayCompareFrom(records: readonly ProvenanceRecord[], seenBefore: ReadonlyMap<number, number>): number {
  let from = (records[0]?.seq ?? 1) - 1;
  for (const r of records) {
    const known = r.inserts.every((x) => x.clock + x.len <= (seenBefore.get(x.client) ?? 0));
    if (!known) break;
    from = r.seq;
  }
  return from;
}

/** Opened from the "while you were away" notice: compare what the device last saw with now. */
export interface AwayStart {
  /** This device's state vector when it went offline (client id → clock). */
  seenBefore: ReadonlyMap<number, number>;
}

/** Slider positions of the replay: every record seq, oldest first. */
export function replayPositions(records: readonly ProvenanceRecord[]): number[] {
  return records.map((r) => r.seq).sort((a, b) => a - b);
}
