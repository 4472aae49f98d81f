/**
 * @module split-by-author
 * Cuts one replicated update into one update per author, so each is committed under its
 * author's name and the receiving relay's provenance says who wrote each edit (issue 14),
 * never "the hub" or "the upstream".
 *
 * Structs are attributed by Yjs client id: a relay binds each client id to the one user who
 * first wrote under it (security S2, client-id-binding.ts), so a client id's structs all have
 * one author, and the exporter lists each author's client ids in the file's manifest. A
 * delete set carries no author; the manifest lists each author's deletions as ranges, and
 * only those the plan found new are recorded for them.
 *
 * `Y.diffUpdate(update, sv)` with every other client at its end clock leaves exactly one
 * group's structs (plus the delete set, which Yjs always keeps: re-applying it is a no-op).
 */
import type { ClockRange } from "@quire/core";
import { intersectRanges } from "@quire/storage";
import type { ManifestAuthor } from "@quire/syncfile";
import * as Y from "yjs";
import { triplesToRanges } from "../syncfile/export-authors.ts";

export interface AuthorPart {
  userId: string;
  name: string;
  /** This author's structs (and the delete set), or only the delete set when `structRanges` is empty. */
  update: Uint8Array;
  structRanges: ClockRange[];
  /** The new deletions this author made (within the plan's exact deletes). */
  deletes: ClockRange[];
}

export type SplitResult = { ok: true; parts: AuthorPart[] } | { ok: false; reason: string };

/**
 * @param update what the receiver lacks (a plan's update)
 * @param newDeletes the items applying it deletes on the receiver (the plan's exact deletes)
 * @param unattributed who gets structs of client ids no author lists; null refuses them
 */
export function splitByAuthor(
  update: Uint8Array,
  newDeletes: readonly ClockRange[],
  authors: readonly ManifestAuthor[],
  unattributed: { userId: string; name: string } | null,
): SplitResult {
  const ownerOf = new Map<number, ManifestAuthor>();
  for (const author of authors) {
    for (const client of author.clients ?? []) {
      const other = ownerOf.get(client);
      if (other && other.userId !== author.userId) return { ok: false, reason: `client id ${client} is claimed by two authors (${other.userId}, ${author.userId})` };
      ownerOf.set(client, author);
    }
  }
  const { from, to } = Y.parseUpdateMeta(update);
  const groups = new Map<string, { userId: string; name: string; clients: number[]; deletes: ClockRange[] }>();
  const groupOf = (who: { userId: string; name: string }) => {
    let group = groups.get(who.userId);
    if (!group) {
      group = { userId: who.userId, name: who.name, clients: [], deletes: [] };
      groups.set(who.userId, group);
    }
    return group;
  };
  for (const client of to.keys()) {
    const owner = ownerOf.get(client) ?? unattributed;
    if (!owner) return { ok: false, reason: `the file names no author for the changes of client id ${client}` };
    groupOf(owner).clients.push(client);
  }
  for (const author of authors) {
    const deletes = intersectRanges(triplesToRanges(author.deletes ?? []), newDeletes);
    if (deletes.length > 0) groupOf(author).deletes = deletes;
  }
  const parts: AuthorPart[] = [];
  for (const group of groups.values()) {
    const mine = new Set(group.clients);
    const others = new Map<number, number>();
    for (const [client, end] of to) if (!mine.has(client)) others.set(client, end);
    parts.push({
      userId: group.userId,
      name: group.name,
      update: Y.diffUpdate(update, Y.encodeStateVector(others)),
      structRanges: group.clients.map((client) => ({ client, clock: from.get(client) ?? 0, len: (to.get(client) ?? 0) - (from.get(client) ?? 0) })),
      deletes: group.deletes,
    });
  }
  // Deletions nobody in the file claims still have to be applied: the first part carries the
  // delete set in any case; with no struct part at all, a deletes-only part does it.
  if (parts.length === 0 && newDeletes.length > 0 && unattributed) {
    parts.push({ ...unattributed, update: Y.diffUpdate(update, Y.encodeStateVector(to)), structRanges: [], deletes: [...newDeletes] });
  }
  return { ok: true, parts };
}
