/**
 * @module apply-replicated
 * Applies a verified sync file that came over the hub ↔ upstream link (issue 14, item 2)
 * through the LIVE rooms, not just the database: the class on the other side sees the
 * changes at once, exactly as if the authors had typed them there.
 *
 * Invariants:
 * - Nothing is applied unless every document of the file passes: its authors are allowed
 *   (`authorAccess`, the upstream's "only members of the classes this hub carries"), each
 *   client id has one author, and no client id is already bound here to someone else; every
 *   document is planned and checked before the first commit.
 * - An author who may comment but not write the document (a commenter; a student on a
 *   locked document) has her part accepted only when it writes nothing but comments
 *   (comment-only-check.ts, scoped to her client ids and deletions), as her own socket would.
 * - Every author's inserted comments name her as their author (comment-author-check.ts): a
 *   hub cannot post a comment or resolve as someone else. Both checks share one decoding of
 *   the document's plan and the COMMENT_CHECK_STEPS budget.
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
import { authorRoots, commentAuthorVerdict } from "../sync/comment-author-check.ts";
import { commentOnlyVerdict } from "../sync/comment-only-check.ts";
import { placeComments } from "../sync/comment-placement.ts";
import type { RoomRegistry } from "../sync/RoomRegistry.ts";
import { type AuthorPart, splitByAuthor } from "./split-by-author.ts";

export class ReplicationRefused extends Error {}

/** What an author may have recorded in a document: anything, only comments, or nothing (why). */
export type AuthorAccess = { may: "write" } | { may: "comment"; whyNotWrite: string } | { refused: string };

export interface ApplyOptions {
  /**
   * What `userId` may have recorded as an author of `doc` in `workspace`; null for a trusted
   * source (the hub pulling from its upstream, which checked its authors when they wrote):
   * then no author or comment check is made.
   */
  authorAccess: ((workspace: string, userId: string, doc: string) => AuthorAccess) | null;
  /** Step budget of the comment checks per document (COMMENT_CHECK_STEPS). */
  commentCheckSteps: number;
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
  const commentOnly = new Map<string, Map<string, string>>(); // doc → author who may only comment → why
  for (const doc of file.documents) {
    const owners = deps.clientIds.owners(doc.name);
    const commenters = new Map<string, string>();
    commentOnly.set(doc.name, commenters);
    for (const author of doc.authors ?? []) {
      if (!(author.clients?.length || author.deletes?.length)) continue;
      const access = options.authorAccess?.(workspace, author.userId, doc.name) ?? { may: "write" };
      if ("refused" in access) throw new ReplicationRefused(`${doc.name}: ${access.refused}`);
      if (access.may === "comment") commenters.set(author.userId, access.whyNotWrite);
      for (const client of author.clients ?? []) {
        const owner = owners.get(client);
        if (owner !== undefined && owner !== author.userId) throw new ReplicationRefused(`${doc.name}: client id ${client} belongs to another user here`);
      }
    }
  }
  const planned: { doc: string; opened: NonNullable<Awaited<ReturnType<RoomRegistry["open"]>>>; result: AppliedDocument; parts: AuthorPart[] }[] = [];
  try {
    for (const doc of file.documents) {
      const opened = await deps.registry.open(doc.name);
      if (!opened) throw new ReplicationRefused(`${doc.name} cannot be loaded here (quarantined or failing)`);
      const change = planDocumentMerge(doc.name, Y.encodeStateAsUpdate(opened.room.doc), doc.update);
      const result: AppliedDocument = {
        name: doc.name,
        status: change.status,
        insertedCharacters: change.insertedCharacters,
        deletedCharacters: change.deletedCharacters,
        authors: [],
      };
      const entry: (typeof planned)[number] = { doc: doc.name, opened, result, parts: [] };
      planned.push(entry); // Before anything can throw: released in `finally`.
      if (!change.update) continue;
      const split = splitByAuthor(change.update, change.deletes, doc.authors ?? [], options.unattributed);
      if (!split.ok) throw new ReplicationRefused(`${doc.name}: ${split.reason}`);
      if (options.authorAccess) {
        const refusal = commentRefusal(opened.room.doc, change.update, split.parts, commentOnly.get(doc.name) ?? new Map(), options.commentCheckSteps);
        if (refusal !== null) throw new ReplicationRefused(`${doc.name}: ${refusal}`);
      }
      entry.parts = split.parts;
    }
    for (const { doc, opened, result, parts } of planned) {
      const commits: Promise<void>[] = [];
      for (const part of parts) {
        for (const range of part.structRanges) deps.clientIds.bind(doc, range.client, part.userId);
        commits.push(commitAsRelay(opened.room, claimsFor(part, workspace), part.update, { structRanges: part.structRanges, deletes: part.deletes as ClockRange[], catchUp: true }));
        result.authors.push(part.userId);
      }
      await Promise.all(commits);
    }
  } finally {
    for (const { opened } of planned) opened.release();
  }
  return planned.map((p) => p.result);
}

/**
 * Why the parts of one document's plan may not be recorded, or null: an author who may only
 * comment wrote something else, or a part names someone else as a comment's author.
 */
function commentRefusal(doc: Y.Doc, update: Uint8Array, parts: readonly AuthorPart[], commenters: ReadonlyMap<string, string>, maxSteps: number): string | null {
  const placement = placeComments(doc, update, maxSteps);
  if ("error" in placement) return placement.error;
  for (const part of parts) {
    const clients = new Set(part.structRanges.map((range) => range.client));
    const whyNotWrite = commenters.get(part.userId);
    if (whyNotWrite !== undefined) {
      const verdict = commentOnlyVerdict(placement, maxSteps, { clients, deletes: part.deletes });
      // Told why she may not write (locked, her role), as her own socket is, then what was wrong.
      if (!verdict.ok) return `${whyNotWrite} (she may only comment: ${verdict.reason})`;
    }
    const authors = commentAuthorVerdict(placement, part.userId, maxSteps, clients);
    if (!authors.ok) return `${part.userId}'s part: ${authors.reason}`;
  }
  // Suggestions' authors too (comment-author-check.ts `authorRoots`), decoded again only when the doc or update has them.
  for (const root of authorRoots(doc, update).slice(1)) {
    const other = placeComments(doc, update, maxSteps, root);
    if ("error" in other) return other.error;
    for (const part of parts) {
      const authors = commentAuthorVerdict(other, part.userId, maxSteps, new Set(part.structRanges.map((range) => range.client)));
      if (!authors.ok) return `${part.userId}'s part: ${authors.reason}`;
    }
  }
  return null;
}

/** The author as the room's provenance reads it: only `sub` and `name` are used (and quota by `sub`). */
function claimsFor(author: { userId: string; name: string }, workspace: string): TokenClaims {
  const now = Math.floor(Date.now() / 1000);
  return { v: 1, sub: author.userId, name: author.name, role: "editor", workspace, iat: now, exp: now + 60, jti: "replication" };
}
