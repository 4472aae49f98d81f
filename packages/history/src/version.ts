/**
 * @module version
 * The doc as it was at a version: its plain text (from the run table, no Yjs work) and a Yjs
 * update (v1) that rebuilds it in an empty doc (`version-encoder.ts`: what Yjs's
 * `createDocFromSnapshot` gives, written in one pass over the struct store).
 *
 * A record seq becomes a Yjs snapshot from the records alone: the state vector is, per
 * client, the end of its last insert up to that seq (a client's clocks arrive in order, so
 * that is a prefix), and the delete set is the union of the deletes up to that seq. Clients
 * with no record at all (history from before provenance) are included whole, as the run table
 * does. Checkpoints carry their exact snapshot and are used as they are.
 *
 * Traps handled: `createDocFromSnapshot` throws on a gc'd doc (DocHistory refuses those), and
 * a snapshot that is not causally closed would leave structs pending — a seq prefix of
 * causally ordered records is closed.
 */
import * as Y from "yjs";
import type { DocHistory, VersionRef } from "./DocHistory.ts";
import { RunKind, visibleAt } from "./run-table.ts";
import { encodeVersion } from "./version-encoder.ts";

interface DeleteRange {
  clock: number;
  len: number;
}

/** The Yjs snapshot of the doc after record `seq` (or of the current doc for "current"). */
export function snapshotAt(h: DocHistory, version: VersionRef): Y.Snapshot {
  if (version === "current") return Y.snapshot(h.doc);
  if (typeof version !== "number") return Y.decodeSnapshot(version.snapshot);
  const sv = new Map<number, number>();
  const firstRecorded = new Map<number, number>();
  const dels = new Map<number, DeleteRange[]>();
  for (const r of h.records) {
    for (const ins of r.inserts) {
      const start = firstRecorded.get(ins.client);
      if (start === undefined || ins.clock < start) firstRecorded.set(ins.client, ins.clock);
    }
    if (r.seq > version) continue;
    for (const ins of r.inserts) {
      const end = ins.clock + ins.len;
      if ((sv.get(ins.client) ?? 0) < end) sv.set(ins.client, end);
    }
    for (const d of r.deletes) {
      let list = dels.get(d.client);
      if (!list) {
        list = [];
        dels.set(d.client, list);
      }
      list.push({ clock: d.clock, len: d.len });
    }
  }
  // Structs no record covers (before provenance existed) belong to every version.
  for (const [client, state] of docState(h.doc)) {
    const first = firstRecorded.get(client);
    const unrecordedEnd = first === undefined ? state : first;
    if ((sv.get(client) ?? 0) < unrecordedEnd) sv.set(client, unrecordedEnd);
  }
  const ds = Y.createDeleteSet();
  for (const [client, list] of dels) ds.clients.set(client, mergeRanges(list) as never);
  return Y.createSnapshot(ds, sv);
}

function docState(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function mergeRanges(list: DeleteRange[]): DeleteRange[] {
  list.sort((a, b) => a.clock - b.clock);
  const out: DeleteRange[] = [];
  for (const r of list) {
    const last = out[out.length - 1];
    if (last && last.clock + last.len >= r.clock) last.len = Math.max(last.len, r.clock + r.len - last.clock);
    else out.push({ clock: r.clock, len: r.len });
  }
  return out;
}

/**
 * A Yjs update (v1) that, applied to an empty doc with gc off, gives the doc at `version`.
 * Deleted content is not carried (the version doc is built with gc on), so the update is
 * about the size of that version's content.
 */
export function versionUpdate(h: DocHistory, version: VersionRef): Uint8Array {
  if (version === "current") return Y.encodeStateAsUpdate(h.doc);
  return encodeVersion(h.doc, snapshotAt(h, version));
}

/**
 * Plain text of the doc at `version`: all text in document order, one "\n" before each block
 * (paragraph, heading, list item, line break) except at the very start, "\uFFFC" per embed.
 * A checkpoint counts as the version after its record seq.
 */
export function versionText(h: DocHistory, version: VersionRef): string {
  const s = h.seqOf(version);
  const t = h.runs;
  const parts: string[] = [];
  let empty = true;
  for (let i = 0; i < t.length; i++) {
    const kind = t.kind[i];
    if (kind === RunKind.format || kind === RunKind.scope || !visibleAt(t, i, s)) continue;
    if (kind === RunKind.block && empty) {
      empty = false; // the first block starts the text: no newline before it
      continue;
    }
    parts.push(t.text[i] as string);
    empty = false;
  }
  return parts.join("");
}
