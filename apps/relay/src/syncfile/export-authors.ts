/**
 * @module export-authors
 * Who wrote what a sync file carries, from this relay's provenance records: per author, the
 * Yjs client ids they wrote the payload's structs under and the payload's deletions they made
 * (issue 14: a hub's upstream records who wrote each edit, not "the hub"). Only what is in
 * the payload is listed, so a file cut against a receiver's state vector carries the
 * attribution of exactly what that receiver lacks.
 */
import type { ClockRange } from "@quire/core";
import { type StoragePort, intersectRanges } from "@quire/storage";
import { type ManifestAuthor, SYNC_FILE_LIMITS } from "@quire/syncfile";
import * as Y from "yjs";

/** The delete set of `update` as clock ranges. */
export function deleteRangesOf(update: Uint8Array): ClockRange[] {
  const ranges: ClockRange[] = [];
  const { ds } = Y.decodeUpdate(update);
  for (const [client, items] of ds.clients) for (const item of items) ranges.push({ client, clock: item.clock, len: item.len });
  return ranges;
}

/** Authors of `name` on this relay, restricted to what `payload` (the file's update) carries. */
export async function authorsOf(storage: StoragePort, name: string, payload: Uint8Array): Promise<ManifestAuthor[]> {
  const inPayload = Y.parseUpdateMeta(payload).to;
  const payloadDeletes = deleteRangesOf(payload);
  const byUser = new Map<string, ManifestAuthor & { clientSet: Set<number>; deleteRanges: ClockRange[] }>();
  for (const record of await storage.provenance(name)) {
    const author = byUser.get(record.userId) ?? { userId: record.userId, name: record.name, updates: 0, lastAt: 0, clientSet: new Set<number>(), deleteRanges: [] };
    author.updates += record.updates;
    if (record.lastAt >= author.lastAt) {
      author.lastAt = record.lastAt;
      author.name = record.name;
    }
    for (const range of record.inserts) if (inPayload.has(range.client)) author.clientSet.add(range.client);
    if (payloadDeletes.length > 0) author.deleteRanges.push(...record.deletes);
    byUser.set(record.userId, author);
  }
  return [...byUser.values()]
    .sort((a, b) => b.updates - a.updates)
    .slice(0, SYNC_FILE_LIMITS.maxAuthorsPerDocument)
    .map(({ clientSet, deleteRanges, ...author }) => {
      const clients = [...clientSet].sort((a, b) => a - b).slice(0, SYNC_FILE_LIMITS.maxAuthorClients);
      const deletes = intersectRanges(deleteRanges, payloadDeletes).slice(0, SYNC_FILE_LIMITS.maxAuthorDeleteRanges);
      return { ...author, ...(clients.length > 0 ? { clients } : {}), ...(deletes.length > 0 ? { deletes: rangesToTriples(deletes) } : {}) };
    });
}

export function rangesToTriples(ranges: readonly ClockRange[]): number[] {
  return ranges.flatMap((r) => [r.client, r.clock, r.len]);
}

export function triplesToRanges(triples: readonly number[]): ClockRange[] {
  const out: ClockRange[] = [];
  for (let i = 0; i + 2 < triples.length; i += 3) out.push({ client: triples[i] as number, clock: triples[i + 1] as number, len: triples[i + 2] as number });
  return out;
}
