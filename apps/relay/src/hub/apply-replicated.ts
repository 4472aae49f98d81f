/**
 * @module apply-replicated
 * Applies a verified sync file that came over the hub ↔ upstream link (issue 14, item 2)
 * through the LIVE rooms, not just the database: the class on the other side sees the
 * changes at once, exactly as if the authors had typed them there.
 *
 * Invariants:
 * - Nothing is applied unless every document of the file passes: its authors are allowed
 *   (`authorRefusal`, the upstream's "only members of the classes this hub carries"), each
 *   client id has one author, and no client id is already bound here to someone else.
 * - Each document's merge is planned against the room's live state (planDocumentMerge: only
 *   what it lacks, integration timed on a scratch copy), then committed per author
 *   (split-by-author.ts) through `commitAsRelay`: applied, stamped with that author's
 *   provenance, written, then broadcast.
 * - Idempotent: a file whose changes are already here plans as "unchanged" and commits
 *   nothing, so a retry after a cut mid-transfer neither duplicates text nor provenance.
 */
import type { ClockRange, TokenClaims } from "@quire/core";
import type { ClientIdStore } from "@quire/storage-sqlite";
import { type DocumentChange, type VerifiedSyncFile, planDocumentMerge } from "@quire/syncfile";
import * as Y from "yjs";
import { commitAsRelay } from "../history/commit-as-relay.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { splitByAuthor } from "./split-by-author.ts";

export class ReplicationRefused extends Error {}

export interface ApplyOptions {
  /** Why `userId` may not be recorded as an author of `doc` in `workspace`, or null when she may. */
  authorRefusal(workspace: string, userId: string, doc: string): string | null;
  /** Who gets changes of client ids the file names no author for; null refuses the file. */
  unattributed: { userId: string; name: string } | null;
}

export interface AppliedDocument {
  name: string;
  status: DocumentChange["status"];
  insertedCharacters: number;
  deletedCharacters: number;
  /** Authors the changes were recorded under. */
  authors: string[];
}

export async function applyReplicatedFile(
  deps: { registry: RoomRegistry; clientIds: ClientIdStore },
  file: VerifiedSyncFile,
  options: ApplyOptions,
): Promise<AppliedDocument[]> {
  const workspace = file.manifest.workspace.id;
  // Everything that can refuse the file is checked before the first commit.
  for (const doc of file.documents) {
    const owners = deps.clientIds.owners(doc.name);
    for (const author of doc.authors ?? []) {
      if (!(author.clients?.length || author.deletes?.length)) continue;
      const refusal = options.authorRefusal(workspace, author.userId, doc.name);
      if (refusal !== null) throw new ReplicationRefused(`${doc.name}: ${refusal}`);
      for (const client of author.clients ?? []) {
        const owner = owners.get(client);
        if (owner !== undefined && owner !== author.userId) throw new ReplicationRefused(`${doc.name}: client id ${client} belongs to another user here`);
      }
    }
  }
  const results: AppliedDocument[] = [];
  for (const doc of file.documents) {
    const opened = await deps.registry.open(doc.name);
    if (!opened) throw new ReplicationRefused(`${doc.name} cannot be loaded here (quarantined or failing)`);
    try {
      const change = planDocumentMerge(doc.name, Y.encodeStateAsUpdate(opened.room.doc), doc.update);
      const result: AppliedDocument = {
        name: doc.name,
        status: change.status,
        insertedCharacters: change.insertedCharacters,
        deletedCharacters: change.deletedCharacters,
        authors: [],
      };
      if (change.update) {
        const split = splitByAuthor(change.update, change.deletes, doc.authors ?? [], options.unattributed);
        if (!split.ok) throw new ReplicationRefused(`${doc.name}: ${split.reason}`);
        const commits: Promise<void>[] = [];
        for (const part of split.parts) {
          for (const range of part.structRanges) deps.clientIds.bind(doc.name, range.client, part.userId);
          commits.push(commitAsRelay(opened.room, claimsFor(part, workspace), part.update, { structRanges: part.structRanges, deletes: part.deletes as ClockRange[], catchUp: true }));
          result.authors.push(part.userId);
        }
        await Promise.all(commits);
      }
      results.push(result);
    } finally {
      opened.release();
    }
  }
  return results;
}

/** The author as the room's provenance reads it: only `sub` and `name` are used (and quota by `sub`). */
function claimsFor(author: { userId: string; name: string }, workspace: string): TokenClaims {
  const now = Math.floor(Date.now() / 1000);
  return { v: 1, sub: author.userId, name: author.name, role: "editor", workspace, iat: now, exp: now + 60, jti: "replication" };
}
