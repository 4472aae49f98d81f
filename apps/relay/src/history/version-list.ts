/**
 * @module version-list
 * The versions a history panel shows (issue 12, items 2 and 7), oldest first: the relay's
 * checkpoints as `auto` (an editing burst ended, at most every few minutes, a compaction or
 * unload, a device's offline work arrived, just before a restore) and the versions people
 * made (`named`, `handin`, `restore`). `by` is everyone whose records fall after the previous
 * version shown and up to this one.
 *
 * Ids are opaque and stable: `a<seq>-<at>` for a checkpoint (both fixed once written),
 * the store's id for the others. A checkpoint at the same seq as a version people made, or as
 * an earlier checkpoint, shows the same content and is left out.
 */
import type { Checkpoint, ProvenanceRecord } from "@quire/core";
import type { StoredVersion, StoredVersionKind } from "@quire/storage";

export type VersionKind = "auto" | StoredVersionKind;

export interface VersionEntry {
  id: string;
  at: number;
  kind: VersionKind;
  name?: string;
  seq: number;
  by: { userId: string; name: string }[];
  /** SHA-256 (hex) of a hand-in's update. */
  contentHash?: string;
  /** What to rebuild it from: a checkpoint's or a stored version's snapshot. */
  snapshot: Uint8Array;
}

const AUTO_ID = /^a(\d{1,15})-(\d{1,15})$/;

export function autoId(checkpoint: Pick<Checkpoint, "seq" | "at">): string {
  return `a${checkpoint.seq}-${checkpoint.at}`;
}

/** The checkpoint an auto id names, or null. */
export function parseAutoId(id: string): { seq: number; at: number } | null {
  const match = AUTO_ID.exec(id);
  return match ? { seq: Number(match[1]), at: Number(match[2]) } : null;
}

export function versionList(checkpoints: readonly Checkpoint[], stored: readonly StoredVersion[], records: readonly ProvenanceRecord[]): VersionEntry[] {
  const entries: VersionEntry[] = stored.map((v) => ({
    id: v.id,
    at: v.at,
    kind: v.kind,
    name: v.name,
    seq: v.seq,
    by: [],
    ...(v.contentHash ? { contentHash: v.contentHash } : {}),
    snapshot: v.snapshot,
  }));
  const shown = new Set(stored.map((v) => v.seq));
  for (const c of checkpoints) {
    if (shown.has(c.seq)) continue;
    shown.add(c.seq);
    // A getter: the store reads a checkpoint's snapshot on first access, and a list needs none.
    entries.push({
      id: autoId(c),
      at: c.at,
      kind: "auto",
      seq: c.seq,
      by: [],
      get snapshot() {
        return c.snapshot;
      },
    });
  }
  entries.sort((a, b) => a.seq - b.seq || a.at - b.at);
  // Records are in seq order; each version collects the senders since the previous one.
  let next = 0;
  let previousSeq = 0;
  for (const entry of entries) {
    const by = new Map<string, string>();
    while (next < records.length && (records[next] as ProvenanceRecord).seq <= entry.seq) {
      const r = records[next] as ProvenanceRecord;
      if (r.seq > previousSeq) by.set(r.userId, r.name);
      next += 1;
    }
    entry.by = [...by].map(([userId, name]) => ({ userId, name }));
    previousSeq = Math.max(previousSeq, entry.seq);
  }
  return entries;
}
