/**
 * @module plan-merge
 * Works out, per document, what importing a verified file changes in the receiver's copy
 * without touching that copy: the receiver's state is applied to a scratch doc, the file's
 * update on top, and the two states compared. The result is the update to apply (only what
 * the receiver lacks: `Y.diffUpdate` against its state vector), exact insert and delete clock
 * ranges (for the relay's provenance), and a report in characters.
 *
 * Idempotent: a file whose changes the receiver already has plans "unchanged" and nothing to
 * apply, so importing twice, or an older file after a newer one, changes nothing. A file cut
 * against changes the receiver lacks still plans its update ("waitingForEarlierChanges"):
 * Yjs holds such structs until the missing ones arrive, from another file or the relay.
 */
import * as Y from "yjs";
import { type ClockRange, createQuireDoc } from "@quire/core";
import { sha256Hex } from "./bytes.ts";
import { SYNC_FILE_LIMITS, type SyncFileLimits } from "./limits.ts";
import { decodeBudgetMs } from "./read-sync-file.ts";
import { SyncFileError } from "./SyncFileError.ts";
import { monotonicMs } from "./clock.ts";

export interface DocumentChange {
  name: string;
  /** new: the receiver had nothing of it; changed: something new; unchanged: nothing new. */
  status: "new" | "changed" | "unchanged";
  /** Characters of text the import adds (still present) and removes. */
  insertedCharacters: number;
  deletedCharacters: number;
  /** Part of the update builds on changes the receiver lacks; Yjs holds it until they arrive. */
  waitingForEarlierChanges: boolean;
  /** What to apply to the receiver's copy, or null when unchanged. */
  update: Uint8Array | null;
  /** Structs the receiver lacked, and items the import deleted (half-open clock ranges). */
  inserts: ClockRange[];
  deletes: ClockRange[];
}

/**
 * @param current the receiver's whole state of the doc as one update, or null when it has none.
 * @param incoming the verified update from the file.
 */
export function planDocumentMerge(name: string, current: Uint8Array | null, incoming: Uint8Array, limits: SyncFileLimits = SYNC_FILE_LIMITS): DocumentChange {
  const doc = createQuireDoc();
  try {
    if (current) Y.applyUpdate(doc, current);
    const before = Y.snapshot(doc);
    const svBefore = Y.decodeStateVector(Y.encodeStateVector(doc));
    const pendingBefore = pendingKey(doc);
    const deletes: ClockRange[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      for (const [client, items] of tr.deleteSet.clients) for (const item of items) deletes.push({ client, clock: item.clock, len: item.len });
    });
    // Integration into the receiver's real state is what can be quadratic (a scratch doc
    // does not show it: CONVENTIONS "Known traps"), so this is what is timed.
    const started = monotonicMs();
    Y.applyUpdate(doc, incoming);
    const took = monotonicMs() - started;
    if (took > decodeBudgetMs(incoming.length, limits)) {
      throw new SyncFileError("over-budget", `merging the changes of ${name} took ${Math.round(took)} ms, over the budget`);
    }
    const after = Y.snapshot(doc);
    const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    const unchanged = Y.equalSnapshots(before, after) && pendingKey(doc) === pendingBefore;
    const inserts: ClockRange[] = [];
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
      const was = svBefore.get(client) ?? 0;
      if (clock > was) inserts.push({ client, clock: was, len: clock - was });
    }
    const { inserted, deleted } = countCharacters(doc, svBefore, before);
    const status = unchanged ? "unchanged" : svBefore.size === 0 && pendingBefore === "" ? "new" : "changed";
    return {
      name,
      status,
      insertedCharacters: inserted,
      deletedCharacters: deleted,
      waitingForEarlierChanges: waiting,
      update: unchanged ? null : Y.diffUpdate(incoming, Y.encodeStateVector(svBefore)),
      inserts,
      deletes: unchanged ? [] : deletes,
    };
  } finally {
    doc.destroy();
  }
}

/** Identifies what a doc holds back (structs or deletes waiting for missing clocks). */
function pendingKey(doc: Y.Doc): string {
  const structs = doc.store.pendingStructs?.update;
  const ds = doc.store.pendingDs;
  if (!structs && !ds) return "";
  return `${structs ? sha256Hex(Y.encodeStateVectorFromUpdate(structs)) : "-"}:${ds ? sha256Hex(ds) : "-"}`;
}

/**
 * Characters new since `svBefore` (still present) and characters present in `before` that are
 * deleted now. Yjs merges adjacent items of one client, so an item may straddle the old state
 * vector or span clocks deleted before and after: counted by clock range, not per item.
 */
function countCharacters(doc: Y.Doc, svBefore: Map<number, number>, before: Y.Snapshot): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const [client, structs] of doc.store.clients) {
    const known = svBefore.get(client) ?? 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      const start = struct.id.clock;
      const end = start + struct.length;
      const newPart = Math.max(0, end - Math.max(start, known));
      if (!struct.deleted) {
        inserted += newPart;
      } else {
        const oldEnd = Math.min(end, known);
        if (oldEnd > start) deleted += oldEnd - start - overlap(before.ds, client, start, oldEnd);
      }
    }
  }
  return { inserted, deleted };
}

/** Clocks of `client` in [from, to) that `ds` deletes. */
function overlap(ds: Y.Snapshot["ds"], client: number, from: number, to: number): number {
  let n = 0;
  for (const item of ds.clients.get(client) ?? []) n += Math.max(0, Math.min(to, item.clock + item.len) - Math.max(from, item.clock));
  return n;
}
